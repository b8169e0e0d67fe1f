package io.vitrine.memory;

import io.vitrine.port.EventLog;
import io.vitrine.port.EventLogContract;

class InMemoryEventLogTest extends EventLogContract {
    @Override
    protected EventLog newLog() {
        return new InMemoryEventLog();
    }
}
