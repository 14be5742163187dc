package io.querylens.bench;

import com.p6spy.engine.logging.Category;
import com.p6spy.engine.spy.appender.P6Logger;

/**
 * The p6spy appender of the {@code p6spy} variant: it enables no category, so p6spy wraps every object and fires
 * every event (timing, parameter capture, its info objects) but formats and writes nothing. That isolates the cost of
 * the wrapping from the cost of the output, which {@code p6spyDefault} adds back.
 */
public final class DiscardingP6Logger implements P6Logger {

    @Override
    public void logSQL(int connectionId, String now, long elapsedMillis, Category category, String prepared,
                       String sql, String url) {
    }

    @Override
    public void logException(Exception e) {
    }

    @Override
    public void logText(String text) {
    }

    @Override
    public boolean isCategoryEnabled(Category category) {
        return false;
    }
}
