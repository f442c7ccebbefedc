package com.vbp.query.identity;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.vbp.events.common.Page;
import com.vbp.events.common.Role;
import com.vbp.events.identity.IdentityEvents.AccountCreated;
import com.vbp.events.identity.IdentityEvents.AccountDisabled;
import com.vbp.events.identity.IdentityEvents.AccountLocked;
import com.vbp.events.identity.IdentityEvents.LoginFailed;
import com.vbp.events.identity.IdentityEvents.LoginSucceeded;
import com.vbp.events.identity.IdentityEvents.PasswordChanged;
import com.vbp.events.identity.IdentityEvents.PasswordReset;
import com.vbp.events.identity.IdentityEvents.ProfileChanged;
import com.vbp.events.identity.IdentityQueries.AccountPage;
import com.vbp.events.identity.IdentityQueries.AccountView;
import com.vbp.events.identity.IdentityQueries.FindAccount;
import com.vbp.events.identity.IdentityQueries.FindOrganisation;
import com.vbp.events.identity.IdentityQueries.ListAccounts;
import com.vbp.events.identity.IdentityQueries.OrganisationView;
import com.vbp.events.identity.Username;
import com.vbp.query.config.Paging;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;

/**
 * Accounts as the gateway needs them on every request (enabled, must change password, credentials
 * version), with the profile their users keep (个人信息), and as the administrator lists them.
 * No password hash is copied here.
 */
@Component
@ProcessingGroup(AccountProjection.GROUP)
public class AccountProjection {

    public static final String GROUP = "accounts";
    /** the username's {@link Username#key()}: accounts are found regardless of letter case */
    static final String KEY = "usernameKey";

    private final MongoCollection<Document> accounts;
    private final OrganisationDirectoryProjection directory;

    public AccountProjection(MongoDatabase db, OrganisationDirectoryProjection directory) {
        this.accounts = db.getCollection("accounts");
        this.directory = directory;
        accounts.createIndex(Indexes.ascending(KEY));
        // a read model written before usernames had a key gets it here, once, without a replay
        for (Document d : accounts.find(exists(KEY, false))) {
            accounts.updateOne(eq("_id", d.get("_id")), Updates.set(KEY, Username.of(d.getString("_id")).key()));
        }
    }

    @EventHandler
    void on(AccountCreated e) {
        Document d = new Document("_id", e.username()).append(KEY, Username.of(e.username()).key())
                .append("role", e.role().name())
                .append("organisation", e.organisation()).append("district", e.district())
                .append("enabled", true).append("mustChangePassword", true).append("credentialsVersion", 0L)
                .append("createdAt", Date.from(e.createdAt())).append("createdBy", e.createdBy());
        accounts.replaceOne(eq("_id", e.username()), d, new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(PasswordChanged e) {
        accounts.updateOne(eq("_id", e.username()), Updates.combine(Updates.set("mustChangePassword", false),
                Updates.set("credentialsVersion", e.credentialsVersion())));
    }

    @EventHandler
    void on(PasswordReset e) {
        accounts.updateOne(eq("_id", e.username()), Updates.combine(Updates.set("mustChangePassword", true),
                Updates.set("credentialsVersion", e.credentialsVersion())));
    }

    @EventHandler
    void on(AccountDisabled e) {
        accounts.updateOne(eq("_id", e.username()), Updates.combine(Updates.set("enabled", false),
                Updates.set("credentialsVersion", e.credentialsVersion())));
    }

    @EventHandler
    void on(ProfileChanged e) {
        // The event carries the whole profile, so a replay or a repeat sets the same values.
        accounts.updateOne(eq("_id", e.username()), Updates.combine(Updates.set("displayName", e.displayName()),
                Updates.set("contactPhone", e.contactPhone()), Updates.set("email", e.email()),
                Updates.set("profileChangedAt", Date.from(e.changedAt()))));
    }

    @EventHandler
    void on(LoginSucceeded e) {
        accounts.updateOne(eq("_id", e.username()), Updates.combine(Updates.set("lastLoginAt", Date.from(e.at())),
                Updates.set("failedLogins", 0), Updates.unset("lockedUntil")));
    }

    @EventHandler
    void on(LoginFailed e) {
        accounts.updateOne(eq("_id", e.username()), Updates.set("failedLogins", e.consecutiveFailures()));
    }

    @EventHandler
    void on(AccountLocked e) {
        accounts.updateOne(eq("_id", e.username()), Updates.set("lockedUntil", Date.from(e.lockedUntil())));
    }

    @ResetHandler
    void reset() {
        accounts.deleteMany(new Document());
    }

    /**
     * The account of that username in any letter case; the one spelt exactly so first, should an older store hold
     * two that differ only in case.
     */
    @QueryHandler
    public AccountView handle(FindAccount query) {
        if (query.username() == null) {
            return null;
        }
        Document d = accounts.find(eq("_id", query.username())).first();
        if (d == null) {
            d = accounts.find(eq(KEY, Username.of(query.username()).key())).sort(Sorts.ascending("_id")).first();
        }
        return d == null ? null : view(d);
    }

    @QueryHandler
    public AccountPage handle(ListAccounts query) {
        List<Bson> filters = new ArrayList<>();
        if (query.role() != null) {
            filters.add(eq("role", query.role().name()));
        }
        if (query.organisation() != null) {
            filters.add(eq("organisation", query.organisation()));
        }
        Bson filter = filters.isEmpty() ? new Document() : and(filters);
        Page<AccountView> slice = Paging.find(accounts, filter, Sorts.ascending("_id"), query.page(), query.size(),
                this::view);
        return new AccountPage(slice.items(), slice.page(), slice.size(), slice.total());
    }

    private AccountView view(Document d) {
        OrganisationView org = directory.handle(new FindOrganisation(d.getString("organisation")));
        Date createdAt = d.getDate("createdAt");
        return new AccountView(d.getString("_id"), Role.valueOf(d.getString("role")), d.getString("organisation"),
                org == null ? null : org.name(), d.getString("district"), d.getBoolean("enabled", false),
                d.getBoolean("mustChangePassword", true), ((Number) d.get("credentialsVersion")).longValue(),
                createdAt == null ? null : createdAt.toInstant(), d.getString("createdBy"),
                d.getString("displayName"), d.getString("contactPhone"), d.getString("email"));
    }
}
