package io.querylens.collector.dbstats;

import java.sql.Connection;
import java.sql.SQLException;

/** Reads one database's statistics views over a connection from the collector's own pool. */
interface StatisticsPoller {

    DatabaseStatistics poll(String name, Connection connection) throws SQLException;
}
