package io.querylens.driver.detect.ddl;

import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;

class DdlGuardMariaDbTest extends DdlGuardOnRealDatabaseTest {

    @Override
    TestDatabase server() {
        return TestDatabases.mariadb();
    }

    @Override
    String currentSchemaFunction() {
        return "database()";
    }

    @Override
    String temporaryDropKeyword() {
        return "TEMPORARY ";
    }
}
