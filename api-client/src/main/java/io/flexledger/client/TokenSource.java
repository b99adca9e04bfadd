package io.flexledger.client;

/** Where a client's bearer tokens come from: its own client credentials, or a caller's token passed on. */
public interface TokenSource {
    /** A token to send now. */
    String token();

    /** Forgets a token the server refused, so that the next call gets a new one if it can. */
    void invalidate();

    /** Whether {@link #invalidate()} can bring a new token (so that a refused call is worth one more try). */
    default boolean renews() {
        return true;
    }

    /** A caller's token passed on as it is (a refused token is not renewed, nor sent again). */
    static TokenSource fixed(String bearerToken) {
        return new TokenSource() {
            @Override
            public String token() {
                return bearerToken;
            }

            @Override
            public void invalidate() {
                // someone else's token: only its owner can renew it
            }

            @Override
            public boolean renews() {
                return false;
            }
        };
    }
}
