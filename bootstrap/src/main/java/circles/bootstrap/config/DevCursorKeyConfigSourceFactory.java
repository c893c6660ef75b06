package circles.bootstrap.config;

/** The dev-mode cursor signing key ({@value #SETTING}), kept in {@value #KEY_FILE} under the dev data. */
public class DevCursorKeyConfigSourceFactory extends DevKeyConfigSourceFactory {
    static final String SETTING = "circles.cursor.keys";
    static final String KEY_FILE = "cursor-keys";

    public DevCursorKeyConfigSourceFactory() {
        super(SETTING, KEY_FILE, "cursor");
    }
}
