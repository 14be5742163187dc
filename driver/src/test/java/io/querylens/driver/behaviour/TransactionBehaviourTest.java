package io.querylens.driver.behaviour;

import java.util.List;

class TransactionBehaviourTest extends DifferentialSuite {
    @Override
    List<BehaviourCase> cases() {
        return TransactionCases.all();
    }
}
