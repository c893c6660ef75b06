package circles.adapter.in.rest.member;

import circles.adapter.in.rest.http.Params;
import circles.application.port.in.member.ImportMembersUseCase;
import circles.application.port.in.member.ImportRow;
import circles.domain.org.OrgId;
import circles.domain.shared.InvalidInput;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Iterator;

/**
 * Bulk import of org members from a JSON array or a CSV file. The body is read as a stream while the import
 * runs, so its size is bounded by {@code circles.import.max-body-size} (see {@code ImportBodyLimit}) rather than
 * by the limit of every other request.
 */
@Path("/v1/orgs/{orgId}/members/import")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MemberImportResource {
    public static final String TEXT_CSV = "text/csv";

    private final ImportMembersUseCase importMembers;

    @Inject
    public MemberImportResource(ImportMembersUseCase importMembers) {
        this.importMembers = importMembers;
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, TEXT_CSV})
    public ImportReportResponse importMembers(@PathParam("orgId") String orgId, @QueryParam("dryRun") String dryRun,
                                              @QueryParam("mode") String mode, @Context HttpHeaders headers,
                                              InputStream body) {
        OrgId id = Params.orgId(orgId);
        boolean dry = Params.flag("dryRun", dryRun, false);
        ImportMembersUseCase.Mode chosen = Params.enumValue("mode", mode, ImportMembersUseCase.Mode.class);
        MediaType type = headers.getMediaType();
        Iterator<ImportRow> rows = type != null && type.isCompatible(MediaType.valueOf(TEXT_CSV))
                ? new CsvImportRows(body, charset(type)) : new JsonImportRows(body);
        return ImportReportResponse.of(importMembers.importMembers(
                new ImportMembersUseCase.Command(id, rows, dry, chosen)));
    }

    private static Charset charset(MediaType type) {
        String name = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new InvalidInput("Content-Type", "names a charset this service does not know: " + name);
        }
    }
}
