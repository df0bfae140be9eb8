package dev.lambdalens.adversarial;

import java.util.List;

/**
 * The secrets the corpus places: a field name a user might give it and a value that must never leave the
 * function. Each value is unique to its kind, so a leak names the kind that leaked. {@link #forms()} are the
 * spellings of the value a search must not find (a card number with and without its spaces).
 */
public enum Secret {
    PASSWORD("password", "hunter2-Adv3rsary!pw"),
    USER_PASSWORD("userPassword", "Adv3rsary-userPassword-7"),
    DB_PASSWORD("db_password", "Adv3rsary-db-password-8"),
    CLIENT_SECRET("client_secret", "Adv3rsaryClientSecret9q"),
    ACCESS_TOKEN("access_token", "Adv3rsaryAccessTokenZZ1"),
    REFRESH_TOKEN("refresh_token", "Adv3rsaryRefreshTokenZZ2"),
    API_KEY("apiKey", "Adv3rsaryApiKeyZZ3"),
    X_AUTH_TOKEN("X-Auth-Token", "Adv3rsaryXAuthTokenZZ4"),
    SESSION_COOKIE("Set-Cookie", "sessionid=Adv3rsarySessionZZ5; Path=/; HttpOnly"),
    AWS_SECRET_KEY("aws_secret_access_key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYADVERSARY1"),
    /** A JWT under a name that says nothing: found by its value only. */
    JWT("idValue", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZHZlcnNhcnkifQ.QWR2M3JzYXJ5U2lnbmF0dXJlWlo2"),
    /** A Luhn-valid card number under a neutral name. */
    CARD_NUMBER("number", "5105 1051 0510 5100"),
    /** An AWS access key id under a neutral name. */
    AWS_ACCESS_KEY_ID("keyId", "AKIAADVERSARY0000007"),
    /** A PEM private key under a neutral name. */
    PEM_PRIVATE_KEY("material", "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCAdv3rsaryPEM8\n"
            + "-----END PRIVATE KEY-----"),
    /**
     * A name no built-in rule knows: masked only when the user configures it (the corpus's "only with a setting"
     * row).
     */
    CUSTOM("shoeSize", "Adv3rsaryCustomShoeSize44");

    private final String fieldName;
    private final String value;

    Secret(String fieldName, String value) {
        this.fieldName = fieldName;
        this.value = value;
    }

    public String fieldName() {
        return fieldName;
    }

    public String value() {
        return value;
    }

    /** Whether the value alone, in free text without its name, is recognisably a secret. */
    public boolean recognisableByValue() {
        return this == JWT || this == CARD_NUMBER || this == AWS_ACCESS_KEY_ID || this == PEM_PRIVATE_KEY;
    }

    /** The fragments of the value a leak check searches for. */
    public List<String> forms() {
        switch (this) {
            case CARD_NUMBER:
                return List.of(value, value.replace(" ", ""), "5105105105105100".substring(0, 12));
            case PEM_PRIVATE_KEY:
                return List.of("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCAdv3rsaryPEM8");
            case SESSION_COOKIE:
                return List.of("Adv3rsarySessionZZ5");
            case JWT:
                return List.of(value, "QWR2M3JzYXJ5U2lnbmF0dXJlWlo2");
            default:
                return List.of(value);
        }
    }
}
