package circles.adapter.in.rest.dynamic;

import circles.application.port.in.dynamic.ExplainMembershipUseCase;

import java.util.List;

/** {@code MembershipExplanation}: why a user is or is not a member of a dynamic group, node by node. */
public record ExplanationResponse(boolean member, String reason, List<NodeResponse> criteria) {

    public record NodeResponse(String path, String criterion, boolean matched, String detail) {
    }

    public static ExplanationResponse of(ExplainMembershipUseCase.Explanation explanation) {
        return new ExplanationResponse(explanation.member(), explanation.reason(), explanation.criteria().stream()
                .map(node -> new NodeResponse(node.path(), node.criterion(), node.matched(), node.detail()))
                .toList());
    }
}
