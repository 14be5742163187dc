package io.querylens.driver.behaviour;

import java.util.List;

class ErrorBehaviourTest extends DifferentialSuite {
    @Override
    List<BehaviourCase> cases() {
        return ErrorCases.all();
    }
}
