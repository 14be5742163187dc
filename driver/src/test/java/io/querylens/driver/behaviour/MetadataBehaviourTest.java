package io.querylens.driver.behaviour;

import java.util.List;

class MetadataBehaviourTest extends DifferentialSuite {
    @Override
    List<BehaviourCase> cases() {
        return MetadataCases.all();
    }
}
