package io.querylens.driver.sql;

/**
 * The shape id: 64-bit FNV-1a over the UTF-8 bytes of the normalised text, fed one char at a time so the text never
 * has to exist whole (it is capped; the id is not). Unpaired surrogates count as {@code '?'}, as
 * {@code String.getBytes(UTF_8)} encodes them, so {@code of(text)} equals FNV-1a of {@code text.getBytes(UTF_8)}.
 *
 * <p>This is a wire format: ids appear in findings, metrics and the collector's store, and the collector recomputes
 * them from database statistics texts. Changing it orphans every stored id; the golden test guards it. FNV-1a was
 * chosen over stronger mixes because any language can reproduce it in five lines.
 */
final class ShapeHash {
    static final long OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private long hash = OFFSET_BASIS;
    private char pendingHighSurrogate;

    static long of(CharSequence text) {
        ShapeHash hash = new ShapeHash();
        for (int i = 0; i < text.length(); i++) {
            hash.add(text.charAt(i));
        }
        return hash.value();
    }

    void add(char c) {
        if (pendingHighSurrogate != 0) {
            char high = pendingHighSurrogate;
            pendingHighSurrogate = 0;
            if (Character.isLowSurrogate(c)) {
                int codePoint = Character.toCodePoint(high, c);
                addByte(0xf0 | (codePoint >>> 18));
                addByte(0x80 | ((codePoint >>> 12) & 0x3f));
                addByte(0x80 | ((codePoint >>> 6) & 0x3f));
                addByte(0x80 | (codePoint & 0x3f));
                return;
            }
            addByte('?');
        }
        if (c < 0x80) {
            addByte(c);
        } else if (c < 0x800) {
            addByte(0xc0 | (c >>> 6));
            addByte(0x80 | (c & 0x3f));
        } else if (Character.isHighSurrogate(c)) {
            pendingHighSurrogate = c;
        } else if (Character.isLowSurrogate(c)) {
            addByte('?');
        } else {
            addByte(0xe0 | (c >>> 12));
            addByte(0x80 | ((c >>> 6) & 0x3f));
            addByte(0x80 | (c & 0x3f));
        }
    }

    long value() {
        if (pendingHighSurrogate != 0) {
            pendingHighSurrogate = 0;
            addByte('?');
        }
        return hash;
    }

    private void addByte(int b) {
        hash ^= b & 0xff;
        hash *= PRIME;
    }
}
