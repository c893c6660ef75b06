package circles.adapter.in.rest.membership;

import circles.application.port.in.membership.ListMemberReviewersUseCase;

public record ReviewerResponse(String reviewerId, String groupId, String groupName) {

    public static ReviewerResponse of(ListMemberReviewersUseCase.Reviewer reviewer) {
        return new ReviewerResponse(reviewer.reviewerId().value(), reviewer.groupId().toString(),
                reviewer.groupName());
    }
}
