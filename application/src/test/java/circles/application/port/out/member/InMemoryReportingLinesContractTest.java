package circles.application.port.out.member;

import circles.application.InMemoryCircles;
import circles.application.port.out.shared.PortFixture;

class InMemoryReportingLinesContractTest extends ReportingLinesContract {
    private final InMemoryCircles circles = new InMemoryCircles();

    @Override
    protected PortFixture fixture() {
        return circles.portFixture();
    }

    @Override
    protected ReportingLines lines() {
        return circles.reportingLines;
    }
}
