package io.querylens.driver.behaviour;

import java.util.List;

class BatchBehaviourTest extends DifferentialSuite {
    @Override
    List<BehaviourCase> cases() {
        return BatchCases.all();
    }
}
