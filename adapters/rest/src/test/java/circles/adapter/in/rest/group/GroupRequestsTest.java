package circles.adapter.in.rest.group;

import static org.assertj.core.api.Assertions.assertThat;

import circles.adapter.in.rest.http.JsonBodies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class GroupRequestsTest {

    @Test
    void a_merge_patch_replaces_adds_and_removes_members_recursively() {
        ObjectNode target = (ObjectNode) JsonBodies.parse("""
                {"keep": 1, "drop": 2, "nested": {"a": 1, "b": 2}, "scalar": 5}""");
        ObjectNode patch = (ObjectNode) JsonBodies.parse("""
                {"drop": null, "nested": {"b": null, "c": 3}, "scalar": {"x": null, "y": 1}, "added": [1]}""");

        ObjectNode merged = GroupRequests.mergePatch(target, patch);

        assertThat(merged).isEqualTo(JsonBodies.parse("""
                {"keep": 1, "nested": {"a": 1, "c": 3}, "scalar": {"y": 1}, "added": [1]}"""));
        assertThat(target.get("drop").intValue()).isEqualTo(2);
    }
}
