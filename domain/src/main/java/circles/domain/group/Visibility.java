package circles.domain.group;

/**
 * {@code PUBLIC}: visible to and joinable by every member of the org (every signed-in user for a standalone group);
 * {@code ORGANIZATION}: visible to org members, joined only by being added; {@code PRIVATE}: invite only.
 */
public enum Visibility {
    PUBLIC, ORGANIZATION, PRIVATE
}
