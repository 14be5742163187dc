package io.querylens.driver.jdbc;

import io.querylens.driver.jdbc.generated.DelegatingCallableStatement;
import io.querylens.driver.recording.ShapeStats;

import java.sql.CallableStatement;

/**
 * A callable statement: executes, binds and batches exactly as {@link LensPreparedStatement}; the generated base
 * forwards the OUT-parameter and named-parameter methods.
 */
public final class LensCallableStatement extends DelegatingCallableStatement {
    public LensCallableStatement(CallableStatement delegate, LensConnection connection, ShapeStats preparedShape) {
        super(delegate, connection, preparedShape);
    }
}
