package org.ipb.study.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.ipb.study.store.JudgmentStore;

/**
 * The secrets of a study's links. A 256-bit key per study is stored in the database (made on first
 * use from {@link SecureRandom}); every token is an HMAC-SHA256 of it, so {@code ipb study links}
 * prints the same links every time and the server needs no token table. Who holds the database file
 * holds the judgments anyway; who holds one link reaches one session.
 *
 * <p>Tokens are compared in constant time ({@link MessageDigest#isEqual}) against every
 * participant's, so the time a lookup takes says nothing about how close a guess was.
 */
public final class LinkTokens {
    /** The name of the key in {@code study_secrets}. */
    static final String KEY_NAME = "web-link-key";

    private final byte[] key;
    private final Map<String, byte[]> byParticipant = new LinkedHashMap<>();

    private LinkTokens(byte[] key, List<String> participants) {
        this.key = key;
        for (String p : participants) {
            byParticipant.put(p, mac("participant:" + p));
        }
    }

    /** The tokens of a study's planned participants (making the study's key on first use). */
    public static LinkTokens of(JudgmentStore store, String study) {
        String hex = store.studySecret(study, KEY_NAME, () -> {
            byte[] k = new byte[32];
            new SecureRandom().nextBytes(k);
            return HexFormat.of().formatHex(k);
        });
        return new LinkTokens(HexFormat.of().parseHex(hex), store.participants(study));
    }

    private byte[] mac(String what) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return m.doFinal(what.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String text(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The personal link token of a participant (43 URL-safe characters, 256 bits). */
    public String token(String participant) {
        byte[] t = byParticipant.get(participant);
        if (t == null) {
            throw new IllegalArgumentException("no planned participant " + participant);
        }
        return text(t);
    }

    /** The study-wide token of the Prolific-style entry link. */
    public String entryToken() {
        return text(mac("entry"));
    }

    /** True when {@code given} is the entry token (constant time). */
    public boolean isEntryToken(String given) {
        byte[] g = decode(given);
        return g != null && MessageDigest.isEqual(g, mac("entry"));
    }

    /** The completion code shown when a participant has answered every trial (10 characters). */
    public String completionCode(String participant) {
        return text(mac("done:" + participant)).substring(0, 10).toUpperCase(java.util.Locale.ROOT)
                .replace('-', 'X').replace('_', 'Y');
    }

    /**
     * The participant whose token this is, or null. Every participant's token is compared, each in
     * constant time, whatever matches.
     */
    public String participant(String given) {
        byte[] g = decode(given);
        if (g == null) {
            return null;
        }
        String found = null;
        for (Map.Entry<String, byte[]> e : byParticipant.entrySet()) {
            if (MessageDigest.isEqual(g, e.getValue()) && found == null) {
                found = e.getKey();
            }
        }
        return found;
    }

    /** The participants, in order. */
    public List<String> participants() {
        return List.copyOf(byParticipant.keySet());
    }

    /** A token's bytes, or null for anything that is not 43 base64url characters. */
    private static byte[] decode(String given) {
        if (given == null || given.length() != 43) {
            return null;
        }
        for (int i = 0; i < given.length(); i++) {
            char c = given.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return null;
            }
        }
        try {
            return Base64.getUrlDecoder().decode(given);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A keyed-free hash of an external id (e.g. a Prolific PID): the same person is the same hash in every study. */
    public static String externalIdHash(String platform, String id) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((platform + ":" + id).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
