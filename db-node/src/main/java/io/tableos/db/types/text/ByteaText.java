package io.tableos.db.types.text;

/** bytea text I/O: output in hex format ({@code \xdeadbeef}); input in hex or escape format ({@code a\\b\000}). */
public final class ByteaText {
    private ByteaText() {}

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    public static String format(byte[] bytes) {
        char[] out = new char[2 + bytes.length * 2];
        out[0] = '\\';
        out[1] = 'x';
        for (int i = 0; i < bytes.length; i++) {
            out[2 + 2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[3 + 2 * i] = HEX[bytes[i] & 0xF];
        }
        return new String(out);
    }

    public static byte[] parse(String text) {
        if (text.length() >= 2 && text.charAt(0) == '\\' && (text.charAt(1) == 'x' || text.charAt(1) == 'X')) {
            return parseHex(text);
        }
        return parseEscape(text);
    }

    private static byte[] parseHex(String text) {
        byte[] out = new byte[(text.length() - 2) / 2];
        int count = 0;
        int i = 2;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int high = Character.digit(c, 16);
            if (high < 0) throw TextErrors.invalidSyntax("bytea", text);
            if (i + 1 >= text.length()) throw TextErrors.invalidSyntax("bytea", text);
            int low = Character.digit(text.charAt(i + 1), 16);
            if (low < 0) throw TextErrors.invalidSyntax("bytea", text);
            out[count++] = (byte) (high << 4 | low);
            i += 2;
        }
        return count == out.length ? out : java.util.Arrays.copyOf(out, count);
    }

    private static byte[] parseEscape(String text) {
        byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] out = new byte[utf8.length];
        int count = 0;
        for (int i = 0; i < utf8.length; i++) {
            byte b = utf8[i];
            if (b != '\\') {
                out[count++] = b;
            } else if (i + 1 < utf8.length && utf8[i + 1] == '\\') {
                out[count++] = '\\';
                i++;
            } else if (i + 3 < utf8.length && isOctal(utf8[i + 1]) && isOctal(utf8[i + 2]) && isOctal(utf8[i + 3])
                    && utf8[i + 1] <= '3') {
                out[count++] = (byte) ((utf8[i + 1] - '0') * 64 + (utf8[i + 2] - '0') * 8 + (utf8[i + 3] - '0'));
                i += 3;
            } else {
                throw TextErrors.invalidSyntax("bytea", text);
            }
        }
        return java.util.Arrays.copyOf(out, count);
    }

    private static boolean isOctal(byte b) {
        return b >= '0' && b <= '7';
    }
}
