/* roster-demo-private.h: the parts of the demo tenant shared between its
 * source files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "roster-demo-tenant.h"

G_BEGIN_DECLS

/* Auth0 returns at most this many items per page on the Public Cloud, and
 * uses it when a request names no page size. */
#define ROSTER_DEMO_PAGE_SIZE 50

/* The largest page size the OpenAPI schema accepts. Larger values are a
 * query validation error. */
#define ROSTER_DEMO_MAX_PAGE_SIZE 100

/* Offset paging (page, per_page) reaches only this many records. */
#define ROSTER_DEMO_MAX_OFFSET_RECORDS 1000

/* Auth0's limit of user ids in one POST or DELETE of .../members. */
#define ROSTER_DEMO_MAX_MEMBERS_PER_WRITE 10

/* Auth0's limit of roles assigned to one organization member. */
#define ROSTER_DEMO_MAX_ROLES_PER_MEMBER 50

#define ROSTER_DEMO_TOKEN_LIFETIME_SECONDS 86400

/* RFC 6585; libsoup 3.2 has no SoupStatus value for it. */
#define ROSTER_DEMO_STATUS_TOO_MANY_REQUESTS 429

/* ---- Data set ---------------------------------------------------------- */

typedef struct
{
  char *id;           /* owned: "rol_" and 16 characters */
  char *name;         /* owned */
  char *description;  /* owned */
} RosterDemoRole;

typedef struct
{
  char *user_id;  /* owned */
  char *name;     /* owned, nullable: Auth0 omits the key */
  char *email;    /* owned, nullable */
  char *avatar;   /* owned, nullable: initials drawn by GET /avatars/{avatar}.svg */
} RosterDemoUser;

typedef struct
{
  RosterDemoUser *user;             /* unowned */
  GPtrArray      *roles;            /* owned: RosterDemoRole, unowned */
  gint64          joined_at_ms;     /* Unix time, part of checkpoint tokens */
  gboolean        active;           /* a member in the primary store */
  gint64          listed_until_us;  /* monotonic time until which a removed member still shows in lists */
} RosterDemoMembership;

typedef struct
{
  char       *id;                   /* owned */
  char       *name;                 /* owned */
  char       *display_name;         /* owned, nullable */
  gint64      created_at_ms;        /* Unix time, part of checkpoint tokens */
  GPtrArray  *memberships;          /* owned: RosterDemoMembership in list order, removed ones included */
  GHashTable *memberships_by_user;  /* owned: user id -> RosterDemoMembership, unowned */
} RosterDemoOrganization;

typedef struct
{
  GPtrArray  *organizations;        /* owned: RosterDemoOrganization, sorted by name */
  GHashTable *organizations_by_id;  /* owned: id -> RosterDemoOrganization, unowned */
  GPtrArray  *users;                /* owned: RosterDemoUser */
  GHashTable *users_by_id;          /* owned: user id -> RosterDemoUser, unowned */
  GPtrArray  *roles;                /* owned: RosterDemoRole */
  GHashTable *roles_by_id;          /* owned: id -> RosterDemoRole, unowned */
} RosterDemoData;

RosterDemoData         *roster_demo_data_new                      (void);
void                    roster_demo_data_free                     (RosterDemoData         *data);
RosterDemoOrganization *roster_demo_data_add_organization         (RosterDemoData         *data,
                                                                   const char             *id,
                                                                   const char             *name,
                                                                   const char             *display_name,
                                                                   gint64                  created_at_ms);
RosterDemoUser         *roster_demo_data_add_user                 (RosterDemoData         *data,
                                                                   const char             *user_id,
                                                                   const char             *name,
                                                                   const char             *email,
                                                                   const char             *avatar);
RosterDemoRole         *roster_demo_data_add_role                 (RosterDemoData         *data,
                                                                   const char             *id,
                                                                   const char             *name,
                                                                   const char             *description);
void                    roster_demo_data_sort_organizations       (RosterDemoData         *data);
RosterDemoOrganization *roster_demo_data_find_organization        (RosterDemoData         *data,
                                                                   const char             *id);
RosterDemoUser         *roster_demo_data_find_user                (RosterDemoData         *data,
                                                                   const char             *user_id);
RosterDemoRole         *roster_demo_data_find_role                (RosterDemoData         *data,
                                                                   const char             *id);

RosterDemoMembership   *roster_demo_organization_find_member      (RosterDemoOrganization *organization,
                                                                   const char             *user_id);
RosterDemoMembership   *roster_demo_organization_add_member       (RosterDemoOrganization *organization,
                                                                   RosterDemoUser         *user,
                                                                   gint64                  joined_at_ms);
void                    roster_demo_organization_remove_member    (RosterDemoOrganization *organization,
                                                                   const char             *user_id,
                                                                   gint64                  listed_until_us);
gboolean                roster_demo_membership_is_listed          (const RosterDemoMembership *membership,
                                                                   gint64                  now_us);
void                    roster_demo_membership_add_role           (RosterDemoMembership   *membership,
                                                                   RosterDemoRole         *role);
void                    roster_demo_membership_remove_role        (RosterDemoMembership   *membership,
                                                                   RosterDemoRole         *role);

/* Fills @data with the built-in data set (roster-demo-dataset.c). */
void                    roster_demo_dataset_populate              (RosterDemoData         *data);

/* ---- Tokens ------------------------------------------------------------ */

typedef enum
{
  ROSTER_DEMO_JWT_VALID,
  ROSTER_DEMO_JWT_MALFORMED,
  ROSTER_DEMO_JWT_BAD_SIGNATURE,
  ROSTER_DEMO_JWT_EXPIRED,
} RosterDemoJwtStatus;

char                   *roster_demo_jwt_encode                    (GBytes                 *key,
                                                                   JsonObject             *claims);
RosterDemoJwtStatus     roster_demo_jwt_verify                    (GBytes                 *key,
                                                                   const char             *token,
                                                                   gint64                  now_seconds,
                                                                   JsonObject            **claims_out);

/* ---- Rate limit -------------------------------------------------------- */

/* A token bucket: @burst requests at once, refilled continuously at
 * @per_minute requests a minute. */
typedef struct
{
  guint   burst;           /* 0: no limit */
  guint   per_minute;
  double  tokens;
  gint64  refilled_at_us;  /* monotonic */
} RosterDemoBucket;

void                    roster_demo_bucket_configure              (RosterDemoBucket       *bucket,
                                                                   guint                   burst,
                                                                   guint                   per_minute);
gboolean                roster_demo_bucket_take                   (RosterDemoBucket       *bucket);
void                    roster_demo_bucket_set_headers            (RosterDemoBucket       *bucket,
                                                                   SoupMessageHeaders     *headers);
void                    roster_demo_rate_limit_set_headers        (SoupMessageHeaders     *headers,
                                                                   guint                   limit,
                                                                   guint                   remaining,
                                                                   gint64                  reset_unix_seconds);

/* ---- Tenant state ------------------------------------------------------ */

struct _RosterDemoTenant
{
  GObject           parent_instance;

  SoupServer       *server;             /* owned, nullable: NULL until started */
  char             *base_uri;           /* owned, nullable */
  RosterDemoData   *data;               /* owned */
  GBytes           *signing_key;        /* owned: HS256 key of every token */
  char             *scopes;             /* owned */
  guint             latency_ms;
  guint             removal_delay_ms;
  RosterDemoBucket  member_writes;
  GQueue            injected_failures;  /* owned: RosterDemoFailure */
  GPtrArray        *requests;           /* owned: RosterDemoRequest */
  GPtrArray        *delayed_replies;    /* owned: RosterDemoDelayedReply */
};

char                   *roster_demo_tenant_issue_token            (RosterDemoTenant       *self,
                                                                   const char             *client_id,
                                                                   const char             *audience,
                                                                   const char             *scopes,
                                                                   gint64                  lifetime_seconds);

/* ---- One request and its response -------------------------------------- */

typedef struct
{
  RosterDemoTenant  *tenant;    /* unowned */
  SoupServerMessage *msg;       /* unowned */
  const char        *method;    /* unowned */
  char             **segments;  /* owned, nullable: the decoded path segments after the leading "/", NULL for an invalid escape */
  GHashTable        *query;     /* owned: decoded query parameters, never NULL */
  GBytes            *body;      /* owned: the request body, maybe empty */
  JsonObject        *claims;    /* owned, nullable: payload of the verified access token */
  guint              status;    /* 0 until a reply is set */
} RosterDemoExchange;

void                    roster_demo_reply_json                    (RosterDemoExchange     *exchange,
                                                                   guint                   status,
                                                                   JsonNode               *node);
void                    roster_demo_reply_no_content              (RosterDemoExchange     *exchange);
void                    roster_demo_reply_error                   (RosterDemoExchange     *exchange,
                                                                   guint                   status,
                                                                   const char             *error_code,
                                                                   const char             *format,
                                                                   ...) G_GNUC_PRINTF (4, 5);
void                    roster_demo_reply_method_not_allowed      (RosterDemoExchange     *exchange,
                                                                   const char             *allowed_methods);
void                    roster_demo_reply_oauth_error             (RosterDemoExchange     *exchange,
                                                                   guint                   status,
                                                                   const char             *error,
                                                                   const char             *description);
JsonNode               *roster_demo_exchange_parse_body           (RosterDemoExchange     *exchange);
GStrv                   roster_demo_exchange_read_ids             (RosterDemoExchange     *exchange,
                                                                   const char             *key,
                                                                   guint                   max_items);
gboolean                roster_demo_exchange_check_query          (RosterDemoExchange     *exchange,
                                                                   const char * const     *allowed);

/* ---- Routes ------------------------------------------------------------ */

/* Sets the reply of @exchange from the endpoint its path selects. */
void                    roster_demo_route                         (RosterDemoExchange     *exchange);
void                    roster_demo_route_token                   (RosterDemoExchange     *exchange);
void                    roster_demo_route_avatar                  (RosterDemoExchange     *exchange);
void                    roster_demo_route_members                 (RosterDemoExchange     *exchange);
void                    roster_demo_route_member_roles            (RosterDemoExchange     *exchange);

/* The path segments after "/api/v2". */
const char * const     *roster_demo_exchange_get_api_segments     (RosterDemoExchange     *exchange);
gboolean                roster_demo_exchange_require_scope        (RosterDemoExchange     *exchange,
                                                                   const char             *scope);
RosterDemoOrganization *roster_demo_exchange_find_organization    (RosterDemoExchange     *exchange);

/* ---- Lists and their three shapes -------------------------------------- */

typedef struct
{
  gboolean  checkpoint;      /* "take" was given: checkpoint shape, whatever else was */
  gboolean  include_totals;
  guint     page;
  guint     per_page;        /* capped at ROSTER_DEMO_PAGE_SIZE, like "take" */
  guint     take;
  char     *from;            /* owned, nullable: decoded from the query */
} RosterDemoPaging;

typedef struct
{
  const char  *collection_key;      /* "organizations", "members", "roles" */
  GPtrArray   *items;               /* unowned: every item in list order, unlisted ones included */
  gboolean   (*is_listed)           (gconstpointer item,
                                     gpointer      user_data);
  char      *(*describe_checkpoint) (gconstpointer item);
  JsonNode  *(*to_json)             (gconstpointer item,
                                     gpointer      user_data);
  gpointer     user_data;
  gboolean     next_on_final_page;  /* Auth0 does this for members, not for organizations */
} RosterDemoListing;

gboolean                roster_demo_paging_parse                  (RosterDemoExchange     *exchange,
                                                                   RosterDemoPaging       *paging);
void                    roster_demo_paging_clear                  (RosterDemoPaging       *paging);
gboolean                roster_demo_exchange_parse_boolean        (RosterDemoExchange     *exchange,
                                                                   const char             *name,
                                                                   gboolean                fallback,
                                                                   gboolean               *value);
void                    roster_demo_listing_reply                 (RosterDemoExchange     *exchange,
                                                                   const RosterDemoPaging *paging,
                                                                   const RosterDemoListing *listing);
char                   *roster_demo_describe_checkpoint           (gint64                  created_at_ms,
                                                                   const char             *id);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RosterDemoPaging, roster_demo_paging_clear)

G_END_DECLS
