/* roster-client.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Auth0 accepts at most this many user ids in one POST or DELETE of
 * /organizations/{id}/members. */
#define ROSTER_CLIENT_MAX_MEMBERS_PER_REQUEST 10

/* Page size for checkpoint pagination. The OpenAPI file allows 100, but the
 * Public Cloud caps pages at 50. */
#define ROSTER_CLIENT_PAGE_SIZE 50

#define ROSTER_TYPE_CLIENT (roster_client_get_type ())

G_DECLARE_FINAL_TYPE (RosterClient, roster_client, ROSTER, CLIENT, GObject)

/* The outcome of one DELETE request of a batched removal. */
typedef struct
{
  char   **user_ids;  /* owned: the ids sent in this request */
  guint    status;    /* HTTP status, 0 when the request failed before a response */
  GError  *error;     /* owned, nullable: NULL for 204 */
  char    *correlation_id;  /* owned, nullable: the X-Correlation-ID sent, NULL when none was */
} RosterRemovalBatch;

#define ROSTER_TYPE_REMOVAL_BATCH (roster_removal_batch_get_type ())

GType               roster_removal_batch_get_type (void) G_GNUC_CONST;
RosterRemovalBatch *roster_removal_batch_copy     (const RosterRemovalBatch *batch);
void                roster_removal_batch_free     (RosterRemovalBatch       *batch);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterRemovalBatch, roster_removal_batch_free)

/* Called on the main context after each request of a batched removal, in the
 * order the requests were sent. @batch is only valid during the call. */
typedef void (*RosterRemovalBatchFunc) (const RosterRemovalBatch *batch,
                                        gpointer                  user_data);

/* Called on the main context before each request of a batched removal is
 * queued, with the ids and the X-Correlation-ID it will carry, so the
 * caller can record it before it can reach Auth0. */
typedef void (*RosterRemovalSendingFunc) (const char * const *user_ids,
                                          const char         *correlation_id,
                                          gpointer            user_data);

/* @base_uri comes from roster_tenant_parse_domain(). */
RosterClient *roster_client_new                       (const char           *base_uri);
const char   *roster_client_get_base_uri              (RosterClient         *self);

/* Uses a fixed access token (AUTH0_API_TOKEN). A leading "Bearer " is
 * stripped. */
void          roster_client_set_access_token          (RosterClient         *self,
                                                       const char           *access_token);

/* Obtains tokens with the client-credentials grant on first use and reuses
 * each one until shortly before it expires. */
void          roster_client_set_client_credentials    (RosterClient         *self,
                                                       const char           *client_id,
                                                       const char           *client_secret);

/* Sets the canonical domain for the token audience when the base URI is a
 * custom domain (NULL: derive it from the base URI). */
void          roster_client_set_audience_domain       (RosterClient         *self,
                                                       const char           *canonical_domain);

/* Obtains the token the next request would send. The caller must not log
 * or store it, and frees it with roster_client_free_token(). */
void          roster_client_get_access_token_async    (RosterClient         *self,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
char         *roster_client_get_access_token_finish   (RosterClient         *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
void          roster_client_free_token                (char                 *token);

/* Replaces the system CA store, so tests can trust their own certificate. */
void          roster_client_set_tls_database          (RosterClient         *self,
                                                       GTlsDatabase         *database);

/* Fetches one page of a list endpoint. @path_and_query is relative to the
 * base URI and already encoded ("/api/v2/organizations?take=50").
 * @collection_key names the array inside an object body ("organizations",
 * "members"). Every shape in the contract is accepted: a bare array, the
 * include_totals object and the checkpoint object. @next_out receives the
 * checkpoint token, or NULL. Returns the items as GObjects of @item_type
 * (ROSTER_TYPE_ORGANIZATION or ROSTER_TYPE_MEMBER). */
void          roster_client_fetch_page_async          (RosterClient         *self,
                                                       const char           *path_and_query,
                                                       const char           *collection_key,
                                                       GType                 item_type,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
GPtrArray    *roster_client_fetch_page_finish         (RosterClient         *self,
                                                       GAsyncResult         *result,
                                                       char                **next_out,
                                                       GError              **error);

/* List every organization (or every member of one) with checkpoint
 * pagination, appending each page to @store as it arrives. Paging stops on a
 * missing "next" or on an empty page. On error, the pages already appended
 * stay in @store. */
void          roster_client_list_organizations_async  (RosterClient         *self,
                                                       GListStore           *store,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean      roster_client_list_organizations_finish (RosterClient         *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
void          roster_client_list_members_async        (RosterClient         *self,
                                                       const char           *organization_id,
                                                       GListStore           *store,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean      roster_client_list_members_finish       (RosterClient         *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

/* Optional member fields. ROSTER_MEMBER_FIELDS_ROLES adds each member's
 * organization roles to the same requests, one per page; the token then
 * needs read:organization_member_roles, or the list fails with 403. */
typedef enum
{
  ROSTER_MEMBER_FIELDS_DEFAULT = 0,
  ROSTER_MEMBER_FIELDS_ROLES   = 1 << 0,
} RosterMemberFields;

void          roster_client_list_members_with_fields_async (RosterClient         *self,
                                                            const char           *organization_id,
                                                            RosterMemberFields    fields,
                                                            GListStore           *store,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);

/* Sends one DELETE /api/v2/organizations/{id}/members with 1 to
 * ROSTER_CLIENT_MAX_MEMBERS_PER_REQUEST ids; other counts fail with
 * ROSTER_API_ERROR_INVALID_ARGUMENT without a request. A response that
 * arrived is reported even if @cancellable was cancelled meanwhile. */
void          roster_client_remove_members_async      (RosterClient         *self,
                                                       const char           *organization_id,
                                                       const char * const   *user_ids,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean      roster_client_remove_members_finish     (RosterClient         *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

/* Removes any number of members in requests of at most
 * ROSTER_CLIENT_MAX_MEMBERS_PER_REQUEST ids, sent one after another through
 * the client's write scheduler, which paces them by the rate limit and
 * sends a request again after a 429. A failed
 * request does not stop the ones after it; cancelling stops before the next
 * request. @batch_func (nullable) receives each outcome as it arrives. The
 * result is a GPtrArray of RosterRemovalBatch, one per request sent, also
 * after a cancel. A request cancelled before its response has status 0 and
 * a G_IO_ERROR_CANCELLED error, because Auth0 may or may not have removed
 * those ids. */
void          roster_client_remove_members_batched_async  (RosterClient           *self,
                                                           const char             *organization_id,
                                                           const char * const     *user_ids,
                                                           RosterRemovalBatchFunc  batch_func,
                                                           gpointer                batch_data,
                                                           GCancellable           *cancellable,
                                                           GAsyncReadyCallback     callback,
                                                           gpointer                user_data);
/* The same with @sending_func (nullable), which is called with each request
 * before it is queued, and @stop (nullable), which stops before the next request like
 * @cancellable but lets the request in flight finish and be reported, so
 * every batch has a known outcome. A request still waiting for the rate
 * limit when @stop fires is not sent and gets no batch. @batch_data goes to
 * both functions. */
void          roster_client_remove_members_batched_full_async (RosterClient             *self,
                                                               const char               *organization_id,
                                                               const char * const       *user_ids,
                                                               RosterRemovalSendingFunc  sending_func,
                                                               RosterRemovalBatchFunc    batch_func,
                                                               gpointer                  batch_data,
                                                               GCancellable             *stop,
                                                               GCancellable             *cancellable,
                                                               GAsyncReadyCallback       callback,
                                                               gpointer                  user_data);
GPtrArray    *roster_client_remove_members_batched_finish (RosterClient           *self,
                                                           GAsyncResult           *result,
                                                           GError                **error);

/* Lists the roles assigned directly to one member
 * (GET /api/v2/organizations/{id}/members/{user_id}/roles). Returns a
 * GPtrArray of JsonObject ({"id", "name", "description"}). */
void          roster_client_list_member_roles_async   (RosterClient         *self,
                                                       const char           *organization_id,
                                                       const char           *user_id,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
GPtrArray    *roster_client_list_member_roles_finish  (RosterClient         *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

/* Adds 1 to ROSTER_CLIENT_MAX_MEMBERS_PER_REQUEST members back
 * (POST /api/v2/organizations/{id}/members), through the write scheduler. */
void          roster_client_add_members_async         (RosterClient         *self,
                                                       const char           *organization_id,
                                                       const char * const   *user_ids,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean      roster_client_add_members_finish        (RosterClient         *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

/* Assigns organization roles to one member
 * (POST /api/v2/organizations/{id}/members/{user_id}/roles), through the
 * write scheduler. */
void          roster_client_assign_member_roles_async (RosterClient         *self,
                                                       const char           *organization_id,
                                                       const char           *user_id,
                                                       const char * const   *role_ids,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean      roster_client_assign_member_roles_finish (RosterClient        *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

/* Downloads a member's "picture" URL without the token. Only https URLs
 * are fetched, and http ones on a loopback host. */
void          roster_client_fetch_picture_async       (RosterClient         *self,
                                                       const char           *uri,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
GBytes       *roster_client_fetch_picture_finish      (RosterClient         *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

/* Builds "/api/v2/" followed by the segments, each percent-encoded exactly
 * once (every character outside RFC 3986's unreserved set, so "|", ":" and
 * "/" inside a user id become %7C, %3A and %2F). NULL-terminated. */
char         *roster_client_build_path                (const char           *first_segment,
                                                       ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
