package circles.adapter.in.rest.masterdata;

import circles.adapter.in.rest.http.IdempotentCreates;
import circles.application.port.in.masterdata.CreateMasterDataUseCase;
import circles.application.port.in.masterdata.DeleteMasterDataUseCase;
import circles.application.port.in.masterdata.GetMasterDataUseCase;
import circles.application.port.in.masterdata.ListMasterDataUseCase;
import circles.application.port.in.masterdata.UpdateMasterDataUseCase;
import circles.domain.masterdata.MasterDataKind;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The department tree of an org. */
@Path("/v1/orgs/{orgId}/departments")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class DepartmentResource extends MasterDataResource {

    @Inject
    public DepartmentResource(CreateMasterDataUseCase create, ListMasterDataUseCase list,
                              GetMasterDataUseCase get, UpdateMasterDataUseCase update,
                              DeleteMasterDataUseCase delete, IdempotentCreates creates) {
        super(MasterDataKind.DEPARTMENT, "departments", create, list, get, update, delete, creates);
    }
}
