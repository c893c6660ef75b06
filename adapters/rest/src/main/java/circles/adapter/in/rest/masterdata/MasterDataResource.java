package circles.adapter.in.rest.masterdata;

import circles.adapter.in.rest.http.BodyObject;
import circles.adapter.in.rest.http.Created;
import circles.adapter.in.rest.http.ETags;
import circles.adapter.in.rest.http.IdempotentCreates;
import circles.adapter.in.rest.http.JsonBodies;
import circles.adapter.in.rest.http.PageResponse;
import circles.adapter.in.rest.http.Params;
import circles.adapter.in.rest.http.Responses;
import circles.application.port.in.masterdata.CreateMasterDataUseCase;
import circles.application.port.in.masterdata.DeleteMasterDataUseCase;
import circles.application.port.in.masterdata.GetMasterDataUseCase;
import circles.application.port.in.masterdata.ListMasterDataUseCase;
import circles.application.port.in.masterdata.UpdateMasterDataUseCase;
import circles.application.port.out.masterdata.MasterDataRepository;
import circles.domain.masterdata.MasterDataKind;
import circles.domain.masterdata.MasterDataNode;
import circles.domain.org.OrgId;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * One kind of an org's master data under {@code /v1/orgs/{orgId}/<collection>}: create, list (in tree order),
 * read, change (rename; for trees also move and manager) and delete (optionally reassigning the member profiles
 * that name the entry). Trees answer nodes with {@code parentKey}, {@code path} and {@code managerId}; lists
 * answer plain entries. Each collection is a subclass that names its path and kind. (Security annotations apply to
 * the methods of the class that carries them, so this class carries its own; so does {@code @Produces}: without
 * it these methods would answer any {@code Accept}, even {@code text/html}, with the view's {@code toString()}.)
 */
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public abstract class MasterDataResource {
    private static final int Q_MAX = 200;

    private final MasterDataKind kind;
    private final String collection;
    private final CreateMasterDataUseCase create;
    private final ListMasterDataUseCase list;
    private final GetMasterDataUseCase get;
    private final UpdateMasterDataUseCase update;
    private final DeleteMasterDataUseCase delete;
    private final IdempotentCreates creates;

    protected MasterDataResource(MasterDataKind kind, String collection, CreateMasterDataUseCase create,
                                 ListMasterDataUseCase list, GetMasterDataUseCase get, UpdateMasterDataUseCase update,
                                 DeleteMasterDataUseCase delete, IdempotentCreates creates) {
        this.kind = kind;
        this.collection = collection;
        this.create = create;
        this.list = list;
        this.get = get;
        this.update = update;
        this.delete = delete;
        this.creates = creates;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("orgId") String orgId,
                           @HeaderParam(IdempotentCreates.HEADER) String idempotencyKey, String body,
                           @Context UriInfo uri) {
        OrgId id = Params.orgId(orgId);
        JsonNode json = JsonBodies.parse(body);
        CreateMasterDataUseCase.Command command = MasterDataRequests.create(id, kind, BodyObject.of(json, ""));
        return creates.create(idempotencyKey, "POST /v1/orgs/{orgId}/" + collection, uri, json,
                location -> get.get(id, kind, MasterDataRequests.keyParam("key",
                        location.substring(("/v1/orgs/" + id + "/" + collection + "/").length()))),
                () -> {
            MasterDataNode node = create.create(command);
            return new Created("/v1/orgs/" + id + "/" + collection + "/" + node.key(), view(node));
        });
    }

    /** {@code parentKey} (trees only): the children of that node; without it the whole tree, depth first. */
    @GET
    public PageResponse<Object> list(@PathParam("orgId") String orgId, @QueryParam("parentKey") String parentKey,
                                     @QueryParam("q") String q, @QueryParam("limit") String limit,
                                     @QueryParam("cursor") String cursor) {
        MasterDataRepository.Filter filter = new MasterDataRepository.Filter(
                kind.isTree() ? MasterDataRequests.keyParam("parentKey", parentKey) : null,
                Params.text("q", q, Q_MAX));
        return PageResponse.of(list.list(Params.orgId(orgId), kind, filter, Params.page(limit, cursor)),
                this::view);
    }

    @GET
    @Path("{key}")
    public Response get(@PathParam("orgId") String orgId, @PathParam("key") String key) {
        MasterDataNode node = get.get(Params.orgId(orgId), kind, MasterDataRequests.keyParam("key", key));
        return Responses.ok(view(node), node.version());
    }

    @PATCH
    @Path("{key}")
    @Consumes({Responses.MERGE_PATCH_JSON, MediaType.APPLICATION_JSON})
    public Response update(@PathParam("orgId") String orgId, @PathParam("key") String key,
                           @HeaderParam(ETags.IF_MATCH) String ifMatch, String body) {
        UpdateMasterDataUseCase.Command command = MasterDataRequests.update(Params.orgId(orgId), kind,
                MasterDataRequests.keyParam("key", key), ETags.expectedVersion(ifMatch), JsonBodies.object(body));
        MasterDataNode node = update.update(command);
        return Responses.ok(view(node), node.version());
    }

    /** {@code reassignTo}: the entry the member profiles that name this one are moved to. */
    @DELETE
    @Path("{key}")
    public Response delete(@PathParam("orgId") String orgId, @PathParam("key") String key,
                           @QueryParam("reassignTo") String reassignTo) {
        delete.delete(new DeleteMasterDataUseCase.Command(Params.orgId(orgId), kind,
                MasterDataRequests.keyParam("key", key), MasterDataRequests.keyParam("reassignTo", reassignTo)));
        return Response.noContent().build();
    }

    private Object view(MasterDataNode node) {
        return kind.isTree() ? MasterDataNodeResponse.of(node) : MasterDataEntryResponse.of(node);
    }
}
