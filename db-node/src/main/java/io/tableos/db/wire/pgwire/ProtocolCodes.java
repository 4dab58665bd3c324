package io.tableos.db.wire.pgwire;

/** Numbers fixed by the PostgreSQL v3 protocol, and SQLSTATEs this package adds to {@code SqlState}. */
final class ProtocolCodes {
    private ProtocolCodes() {}

    static final int PROTOCOL_3_0 = 196_608;
    static final int CANCEL_REQUEST = 80_877_102;
    static final int SSL_REQUEST = 80_877_103;
    static final int GSSENC_REQUEST = 80_877_104;

    static final int FORMAT_TEXT = 0;
    static final int FORMAT_BINARY = 1;

    /** configuration_limit_exceeded: too many prepared statements or portals. */
    static final String CONFIGURATION_LIMIT_EXCEEDED = "53400";
    static final String DUPLICATE_CURSOR = "42P03";

    static boolean isSpecialRequest(int code) {
        return code == CANCEL_REQUEST || code == SSL_REQUEST || code == GSSENC_REQUEST;
    }
}
