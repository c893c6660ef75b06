package circles.bootstrap.config;

/**
 * The dev-mode key encrypting stored secrets such as webhook signing secrets ({@value #SETTING}), kept in
 * {@value #KEY_FILE} under the dev data.
 */
public class DevSecretKeyConfigSourceFactory extends DevKeyConfigSourceFactory {
    static final String SETTING = "circles.secrets.keys";
    static final String KEY_FILE = "secret-keys";

    public DevSecretKeyConfigSourceFactory() {
        super(SETTING, KEY_FILE, "secret encryption");
    }
}
