package io.vitrine.event;

class InMemoryEventLogTest extends EventLogContract {
    @Override
    protected EventLog newLog() {
        return new InMemoryEventLog();
    }
}
