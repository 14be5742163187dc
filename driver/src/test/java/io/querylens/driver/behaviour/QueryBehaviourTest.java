package io.querylens.driver.behaviour;

import java.util.List;

class QueryBehaviourTest extends DifferentialSuite {
    @Override
    List<BehaviourCase> cases() {
        return QueryCases.all();
    }
}
