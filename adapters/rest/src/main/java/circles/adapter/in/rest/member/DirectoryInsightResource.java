package circles.adapter.in.rest.member;

import circles.adapter.in.rest.http.Params;
import circles.application.port.in.member.GetDataQualityUseCase;
import circles.application.port.in.member.GetOrgChartUseCase;
import circles.domain.shared.InvalidInput;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Views over an org's directory: the org chart and the data-quality report. */
@Path("/v1/orgs/{orgId}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class DirectoryInsightResource {
    private static final int ROOT_MAX = 255;

    private final GetOrgChartUseCase orgChart;
    private final GetDataQualityUseCase dataQuality;

    @Inject
    public DirectoryInsightResource(GetOrgChartUseCase orgChart, GetDataQualityUseCase dataQuality) {
        this.orgChart = orgChart;
        this.dataQuality = dataQuality;
    }

    @GET
    @Path("org-chart")
    public OrgChartResponse orgChart(@PathParam("orgId") String orgId, @QueryParam("view") String view,
                                     @QueryParam("root") String root, @QueryParam("depth") String depth,
                                     @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return OrgChartResponse.of(orgChart.chart(new GetOrgChartUseCase.Query(Params.orgId(orgId),
                Params.enumValue("view", view, GetOrgChartUseCase.View.class), Params.text("root", root, ROOT_MAX),
                depth(depth), Params.page(limit, cursor))));
    }

    @GET
    @Path("data-quality")
    public DataQualityResponse dataQuality(@PathParam("orgId") String orgId, @QueryParam("finding") String finding,
                                           @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return DataQualityResponse.of(dataQuality.report(new GetDataQualityUseCase.Query(Params.orgId(orgId),
                Params.enumValue("finding", finding, GetDataQualityUseCase.Finding.class),
                Params.page(limit == null ? String.valueOf(DEFAULT_SAMPLES) : limit, cursor))));
    }

    /** Samples per finding when no limit is given: enough to act on, small enough for every finding at once. */
    private static final int DEFAULT_SAMPLES = 10;

    private static int depth(String raw) {
        if (raw == null) {
            return GetOrgChartUseCase.DEFAULT_DEPTH;
        }
        try {
            int depth = Integer.parseInt(raw);
            if (depth >= 1 && depth <= GetOrgChartUseCase.MAX_DEPTH) {
                return depth;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInput("depth", "must be an integer between 1 and " + GetOrgChartUseCase.MAX_DEPTH);
    }
}
