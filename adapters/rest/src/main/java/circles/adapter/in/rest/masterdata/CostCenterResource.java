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

/** The cost centers of an org. */
@Path("/v1/orgs/{orgId}/cost-centers")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class CostCenterResource extends MasterDataResource {

    @Inject
    public CostCenterResource(CreateMasterDataUseCase create, ListMasterDataUseCase list,
                              GetMasterDataUseCase get, UpdateMasterDataUseCase update,
                              DeleteMasterDataUseCase delete, IdempotentCreates creates) {
        super(MasterDataKind.COST_CENTER, "cost-centers", create, list, get, update, delete, creates);
    }
}
