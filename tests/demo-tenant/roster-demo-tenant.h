/* roster-demo-tenant.h: a local emulator of the Auth0 Management API
 * endpoints Roster uses, on a SoupServer bound to loopback.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Credentials of the demo tenant's machine-to-machine application. They
 * guard nothing but this local emulator. */
#define ROSTER_DEMO_CLIENT_ID     "demo-roster-client"
#define ROSTER_DEMO_CLIENT_SECRET "demo-roster-secret"

/* A client whose tokens the tenant rejects with 401 "Client is not global." */
#define ROSTER_DEMO_NON_GLOBAL_CLIENT_ID "demo-non-global-client"

/* Every scope the tenant supports, granted by default. */
#define ROSTER_DEMO_ALL_SCOPES \
  "read:organizations read:organization_members delete:organization_members " \
  "create:organization_members read:organization_member_roles " \
  "create:organization_member_roles delete:organization_member_roles"

/* Organization ids of the built-in data set. */
#define ROSTER_DEMO_ORG_ACME   "org_acmeAbcdEfgh1234"   /* "Acme & <Sons>", 30 members */
#define ROSTER_DEMO_ORG_LARGE  "org_globexLarge00001"   /* 1,234 members */
#define ROSTER_DEMO_ORG_EMPTY  "org_emptyOrganizat01"   /* no members */

#define ROSTER_DEMO_LARGE_MEMBER_COUNT 1234

#define ROSTER_TYPE_DEMO_TENANT (roster_demo_tenant_get_type ())

G_DECLARE_FINAL_TYPE (RosterDemoTenant, roster_demo_tenant, ROSTER, DEMO_TENANT, GObject)

/* One request the tenant received, for tests to inspect. */
typedef struct
{
  char  *method;   /* owned */
  char  *path;     /* owned: the path exactly as it arrived, still percent-encoded */
  char  *query;    /* owned, nullable: as it arrived */
  char  *body;     /* owned, nullable */
  guint  status;   /* the status the tenant answered with */
} RosterDemoRequest;

RosterDemoTenant *roster_demo_tenant_new                 (void);

/* Options; set them before roster_demo_tenant_start(), except where noted. */
void              roster_demo_tenant_set_latency         (RosterDemoTenant  *self,
                                                          guint              latency_ms);
/* Space-separated scopes put into tokens minted from now on. */
void              roster_demo_tenant_set_scopes          (RosterDemoTenant  *self,
                                                          const char        *scopes);
/* Token bucket for member writes (POST and DELETE of .../members): @burst
 * requests at once, refilled at @per_minute. 0 for @burst turns it off (the
 * default). */
void              roster_demo_tenant_set_rate_limit      (RosterDemoTenant  *self,
                                                          guint              burst,
                                                          guint              per_minute);
/* How long a removed member still shows in member lists (Auth0 takes 5-10 s).
 * Default 0. */
void              roster_demo_tenant_set_removal_delay   (RosterDemoTenant  *self,
                                                          guint              delay_ms);

/* Listens on 127.0.0.1 at @port (0 for a free one chosen by the kernel). */
gboolean          roster_demo_tenant_start               (RosterDemoTenant  *self,
                                                          guint              port,
                                                          GError           **error);
/* "http://127.0.0.1:PORT", valid after a successful start. */
const char       *roster_demo_tenant_get_base_uri        (RosterDemoTenant  *self);

/* Mints a valid access token with @scopes (NULL: the tenant's scopes). */
char             *roster_demo_tenant_mint_token          (RosterDemoTenant  *self,
                                                          const char        *scopes);
/* Mints a token for @client_id (NULL: ROSTER_DEMO_CLIENT_ID) that expires
 * @lifetime_seconds from now. A negative lifetime gives a token that has
 * already expired. ROSTER_DEMO_NON_GLOBAL_CLIENT_ID gives a token the API
 * rejects with 401 "Client is not global.". */
char             *roster_demo_tenant_mint_token_full     (RosterDemoTenant  *self,
                                                          const char        *client_id,
                                                          const char        *scopes,
                                                          gint64             lifetime_seconds);

/* Makes the next request whose method is @method (NULL for any) and whose
 * decoded path starts with @path_prefix (NULL for any) fail with @status and
 * an Auth0 error body carrying @error_code (nullable: the body then has no
 * errorCode) and @message. For 429, rate-limit headers are added with a reset
 * one second ahead. Several injections queue in order. */
void              roster_demo_tenant_inject_failure      (RosterDemoTenant  *self,
                                                          const char        *method,
                                                          const char        *path_prefix,
                                                          guint              status,
                                                          const char        *error_code,
                                                          const char        *message);

/* The requests received so far, oldest first (RosterDemoRequest, owned by
 * the tenant), and a way to forget them. */
GPtrArray        *roster_demo_tenant_get_requests        (RosterDemoTenant  *self);
void              roster_demo_tenant_clear_requests      (RosterDemoTenant  *self);

/* Whether @user_id is still a member of @organization_id in the primary
 * store, whatever the removal delay shows in lists. */
gboolean          roster_demo_tenant_has_member          (RosterDemoTenant  *self,
                                                          const char        *organization_id,
                                                          const char        *user_id);
/* Current member ids of @organization_id in list order (NULL-terminated). */
char            **roster_demo_tenant_list_member_ids     (RosterDemoTenant  *self,
                                                          const char        *organization_id);

G_END_DECLS
