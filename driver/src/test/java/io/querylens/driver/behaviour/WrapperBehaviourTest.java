package io.querylens.driver.behaviour;

import java.util.List;

class WrapperBehaviourTest extends DifferentialSuite {
    @Override
    List<BehaviourCase> cases() {
        return WrapperCases.all();
    }
}
