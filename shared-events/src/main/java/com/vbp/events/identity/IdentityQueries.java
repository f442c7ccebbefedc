package com.vbp.events.identity;

import com.vbp.events.common.District;
import com.vbp.events.common.OrganisationKind;
import com.vbp.events.common.Paged;
import com.vbp.events.common.Role;

import java.time.Instant;
import java.util.List;

/** Queries on accounts and organisations, with their answers. */
public final class IdentityQueries {

    private IdentityQueries() {
    }

    /** The account of {@code username} in any letter case ({@link Username}); null when there is none. */
    public record FindAccount(String username) {
    }

    /**
     * An account as the gateway needs it to authorise a request, with the profile its user keeps
     * (个人信息). {@code null} when unknown.
     */
    /** {@code districtName} is the name beside {@code district} (江岸区 for 420102), from {@link District}. */
    public record AccountView(String username, Role role, String organisation, String organisationName,
                              String district, String districtName, boolean enabled, boolean mustChangePassword,
                              long credentialsVersion, Instant createdAt, String createdBy,
                              String displayName, String contactPhone, String email) {

        public AccountView(String username, Role role, String organisation, String organisationName,
                           String district, boolean enabled, boolean mustChangePassword, long credentialsVersion,
                           Instant createdAt, String createdBy, String displayName, String contactPhone,
                           String email) {
            this(username, role, organisation, organisationName, district, District.nameOf(district), enabled,
                    mustChangePassword, credentialsVersion, createdAt, createdBy, displayName, contactPhone, email);
        }
    }

    /** Whether the token {@code tokenId} (its {@code jti}) was revoked by logging out. */
    public record FindRevokedToken(String tokenId) {
    }

    /** A revoked token; {@code null} when the token was not revoked. */
    public record RevokedTokenView(String tokenId, String username, Instant expiresAt, Instant revokedAt) {
    }

    public record ListAccounts(Role role, String organisation, int page, int size) {
    }

    public record AccountPage(List<AccountView> items, int page, int size, long total) implements Paged<AccountView> {
    }

    public record FindOrganisation(String code) {
    }

    /** An institution (with its district), a district bureau (code = district code) or the city bureau. */
    public record OrganisationView(String code, String name, OrganisationKind kind, String district,
                                   String districtName) {

        /** With the name of {@code district} from {@link District}'s table. */
        public OrganisationView(String code, String name, OrganisationKind kind, String district) {
            this(code, name, kind, district, District.nameOf(district));
        }
    }

    public record ListOrganisations(OrganisationKind kind, String district, int page, int size) {
    }

    public record OrganisationPage(List<OrganisationView> items, int page, int size, long total)
            implements Paged<OrganisationView> {
    }
}
