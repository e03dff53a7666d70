/* roster-demo-tenant.c: the demo tenant object, its server and its request
 * log.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-demo-private.h"

#define SIGNING_KEY_LENGTH 32

/* Auth0's worked example of the headers shows a limit of 1000. The demo
 * tenant reports it, with one request used, when no limit is set. */
#define DEFAULT_RATE_LIMIT 1000

typedef struct
{
  char  *method;       /* owned, nullable: any method */
  char  *path_prefix;  /* owned, nullable: any path */
  guint  status;
  char  *error_code;   /* owned, nullable */
  char  *message;      /* owned */
} RosterDemoFailure;

/* A response held back by the latency option. */
typedef struct
{
  RosterDemoTenant  *tenant;     /* unowned */
  SoupServerMessage *msg;        /* owned */
  guint              source_id;  /* 0 once the timeout fired */
} RosterDemoDelayedReply;

G_DEFINE_FINAL_TYPE (RosterDemoTenant, roster_demo_tenant, G_TYPE_OBJECT)

static void
failure_free (RosterDemoFailure *failure)
{
  g_free (failure->method);
  g_free (failure->path_prefix);
  g_free (failure->error_code);
  g_free (failure->message);
  g_free (failure);
}

static void
request_free (gpointer data)
{
  RosterDemoRequest *request = data;

  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_free (request->body);
  g_free (request);
}

static void
delayed_reply_free (gpointer data)
{
  RosterDemoDelayedReply *reply = data;

  g_clear_handle_id (&reply->source_id, g_source_remove);
  g_object_unref (reply->msg);
  g_free (reply);
}

/* ---- Exchanges --------------------------------------------------------- */

/* Splits @raw_path into decoded segments, each decoded once. Returns NULL
 * when a segment has an invalid escape (or an escaped NUL). */
static char **
split_path (const char *raw_path)
{
  g_auto(GStrv) raw_segments = g_strsplit (raw_path[0] == '/' ? raw_path + 1 : raw_path, "/", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; raw_segments[i] != NULL; i++)
    {
      g_autofree char *segment = g_uri_unescape_segment (raw_segments[i], NULL, NULL);

      if (segment == NULL)
        return NULL;
      g_strv_builder_add (builder, segment);
    }

  return g_strv_builder_end (builder);
}

static void
exchange_init (RosterDemoExchange *exchange,
               RosterDemoTenant   *self,
               SoupServerMessage  *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);
  const char *raw_query = g_uri_get_query (uri);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  exchange->tenant = self;
  exchange->msg = msg;
  exchange->method = soup_server_message_get_method (msg);
  exchange->segments = split_path (g_uri_get_path (uri));
  exchange->query = raw_query != NULL
    ? soup_form_decode (raw_query)
    : g_hash_table_new (g_str_hash, g_str_equal);
  exchange->body = soup_message_body_flatten (body);
}

static void
exchange_clear (RosterDemoExchange *exchange)
{
  g_clear_pointer (&exchange->segments, g_strfreev);
  g_clear_pointer (&exchange->query, g_hash_table_unref);
  g_clear_pointer (&exchange->body, g_bytes_unref);
  g_clear_pointer (&exchange->claims, json_object_unref);
}

static char *
get_decoded_path (RosterDemoExchange *exchange)
{
  g_autofree char *joined = NULL;

  if (exchange->segments == NULL)
    return g_strdup (g_uri_get_path (soup_server_message_get_uri (exchange->msg)));

  joined = g_strjoinv ("/", exchange->segments);
  return g_strconcat ("/", joined, NULL);
}

/* ---- Injected failures ------------------------------------------------- */

static gboolean
failure_matches (const RosterDemoFailure *failure,
                 const char              *method,
                 const char              *decoded_path)
{
  if (failure->method != NULL && !g_str_equal (failure->method, method))
    return FALSE;

  return failure->path_prefix == NULL || g_str_has_prefix (decoded_path, failure->path_prefix);
}

static void
reply_injected_failure (RosterDemoExchange      *exchange,
                        const RosterDemoFailure *failure)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (exchange->msg);
  guint limit = exchange->tenant->member_writes.burst > 0 ? exchange->tenant->member_writes.burst : DEFAULT_RATE_LIMIT;

  roster_demo_reply_error (exchange, failure->status, failure->error_code, "%s", failure->message);

  if (failure->status == ROSTER_DEMO_STATUS_TOO_MANY_REQUESTS)
    roster_demo_rate_limit_set_headers (headers, limit, 0, g_get_real_time () / G_USEC_PER_SEC + 1);
}

/* Replies with the first queued failure matching @exchange and drops it
 * from the queue. Returns whether one matched. */
static gboolean
apply_injected_failure (RosterDemoTenant   *self,
                        RosterDemoExchange *exchange)
{
  g_autofree char *decoded_path = get_decoded_path (exchange);

  for (GList *link = self->injected_failures.head; link != NULL; link = link->next)
    {
      RosterDemoFailure *failure = link->data;

      if (!failure_matches (failure, exchange->method, decoded_path))
        continue;

      g_queue_delete_link (&self->injected_failures, link);
      reply_injected_failure (exchange, failure);
      failure_free (failure);
      return TRUE;
    }

  return FALSE;
}

/* ---- Request handling -------------------------------------------------- */

static void
log_request (RosterDemoTenant   *self,
             RosterDemoExchange *exchange)
{
  GUri *uri = soup_server_message_get_uri (exchange->msg);
  RosterDemoRequest *request = g_new0 (RosterDemoRequest, 1);
  const char *body;
  gsize body_length;

  body = g_bytes_get_data (exchange->body, &body_length);

  request->method = g_strdup (exchange->method);
  request->path = g_strdup (g_uri_get_path (uri));
  request->query = g_strdup (g_uri_get_query (uri));
  request->body = body_length > 0 ? g_strndup (body, body_length) : NULL;
  request->status = exchange->status;

  g_ptr_array_add (self->requests, request);

  /* Method, path and status only: bodies and headers may carry the client
   * secret or a token. */
  g_debug ("%s %s -> %u", request->method, request->path, request->status);
}

static gboolean
delayed_reply_fire (gpointer data)
{
  RosterDemoDelayedReply *reply = data;

  reply->source_id = 0;
  soup_server_message_unpause (reply->msg);
  g_ptr_array_remove_fast (reply->tenant->delayed_replies, reply);

  return G_SOURCE_REMOVE;
}

/* Holds the response back for the latency without blocking the main
 * loop: the message stays paused until a timeout resumes it. */
static void
delay_reply (RosterDemoTenant  *self,
             SoupServerMessage *msg)
{
  RosterDemoDelayedReply *reply = g_new0 (RosterDemoDelayedReply, 1);

  reply->tenant = self;
  reply->msg = g_object_ref (msg);
  reply->source_id = g_timeout_add (self->latency_ms, delayed_reply_fire, reply);
  g_ptr_array_add (self->delayed_replies, reply);

  soup_server_message_pause (msg);
}

static void
set_default_rate_limit_headers (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  gint64 one_minute_ahead = g_get_real_time () / G_USEC_PER_SEC + 60;

  roster_demo_rate_limit_set_headers (headers, DEFAULT_RATE_LIMIT, DEFAULT_RATE_LIMIT - 1, one_minute_ahead);
}

static void
handle_request (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  RosterDemoTenant *self = ROSTER_DEMO_TENANT (user_data);
  RosterDemoExchange exchange = { 0 };

  exchange_init (&exchange, self, msg);
  set_default_rate_limit_headers (msg);

  if (!apply_injected_failure (self, &exchange))
    roster_demo_route (&exchange);
  g_assert (exchange.status != 0);

  log_request (self, &exchange);
  exchange_clear (&exchange);

  if (self->latency_ms > 0)
    delay_reply (self, msg);
}

/* ---- Tokens ------------------------------------------------------------ */

static GBytes *
generate_signing_key (void)
{
  guint8 *key = g_malloc (SIGNING_KEY_LENGTH);

  for (guint i = 0; i < SIGNING_KEY_LENGTH; i++)
    key[i] = g_random_int_range (0, 256);

  return g_bytes_new_take (key, SIGNING_KEY_LENGTH);
}

static guint
get_port (RosterDemoTenant *self)
{
  g_autoptr(GUri) uri = NULL;

  if (self->base_uri == NULL)
    return 0;

  uri = g_uri_parse (self->base_uri, G_URI_FLAGS_NONE, NULL);
  return uri != NULL ? g_uri_get_port (uri) : 0;
}

/* Mints a token carrying the claims of an Auth0 client-credentials token. */
char *
roster_demo_tenant_issue_token (RosterDemoTenant *self,
                                const char       *client_id,
                                const char       *audience,
                                const char       *scopes,
                                gint64            lifetime_seconds)
{
  g_autoptr(JsonObject) claims = json_object_new ();
  g_autofree char *issuer = g_strdup_printf ("%s/", self->base_uri != NULL ? self->base_uri : "http://127.0.0.1");
  g_autofree char *subject = g_strconcat (client_id, "@clients", NULL);
  gint64 now_seconds = g_get_real_time () / G_USEC_PER_SEC;

  g_assert (ROSTER_IS_DEMO_TENANT (self));
  g_assert (client_id != NULL);
  g_assert (audience != NULL);
  g_assert (scopes != NULL);

  json_object_set_string_member (claims, "iss", issuer);
  json_object_set_string_member (claims, "sub", subject);
  json_object_set_string_member (claims, "aud", audience);
  json_object_set_int_member (claims, "iat", now_seconds);
  json_object_set_int_member (claims, "exp", now_seconds + lifetime_seconds);
  json_object_set_string_member (claims, "scope", scopes);
  json_object_set_string_member (claims, "gty", "client-credentials");
  json_object_set_string_member (claims, "azp", client_id);

  return roster_demo_jwt_encode (self->signing_key, claims);
}

/* ---- GObject ----------------------------------------------------------- */

static void
roster_demo_tenant_dispose (GObject *object)
{
  RosterDemoTenant *self = ROSTER_DEMO_TENANT (object);

  g_ptr_array_set_size (self->delayed_replies, 0);

  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);

  G_OBJECT_CLASS (roster_demo_tenant_parent_class)->dispose (object);
}

static void
roster_demo_tenant_finalize (GObject *object)
{
  RosterDemoTenant *self = ROSTER_DEMO_TENANT (object);

  g_clear_pointer (&self->base_uri, g_free);
  g_clear_pointer (&self->data, roster_demo_data_free);
  g_clear_pointer (&self->signing_key, g_bytes_unref);
  g_clear_pointer (&self->scopes, g_free);
  g_queue_clear_full (&self->injected_failures, (GDestroyNotify) failure_free);
  g_clear_pointer (&self->requests, g_ptr_array_unref);
  g_clear_pointer (&self->delayed_replies, g_ptr_array_unref);

  G_OBJECT_CLASS (roster_demo_tenant_parent_class)->finalize (object);
}

static void
roster_demo_tenant_class_init (RosterDemoTenantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = roster_demo_tenant_dispose;
  object_class->finalize = roster_demo_tenant_finalize;
}

static void
roster_demo_tenant_init (RosterDemoTenant *self)
{
  self->data = roster_demo_data_new ();
  roster_demo_dataset_populate (self->data);

  self->signing_key = generate_signing_key ();
  self->scopes = g_strdup (ROSTER_DEMO_ALL_SCOPES);
  g_queue_init (&self->injected_failures);
  self->requests = g_ptr_array_new_with_free_func (request_free);
  self->delayed_replies = g_ptr_array_new_with_free_func (delayed_reply_free);
  roster_demo_bucket_configure (&self->member_writes, 0, 0);
}

/* ---- Public API -------------------------------------------------------- */

RosterDemoTenant *
roster_demo_tenant_new (void)
{
  return g_object_new (ROSTER_TYPE_DEMO_TENANT, NULL);
}

void
roster_demo_tenant_set_latency (RosterDemoTenant *self,
                                guint             latency_ms)
{
  g_return_if_fail (ROSTER_IS_DEMO_TENANT (self));

  self->latency_ms = latency_ms;
}

void
roster_demo_tenant_set_scopes (RosterDemoTenant *self,
                               const char       *scopes)
{
  g_return_if_fail (ROSTER_IS_DEMO_TENANT (self));
  g_return_if_fail (scopes != NULL);

  g_free (self->scopes);
  self->scopes = g_strdup (scopes);
}

void
roster_demo_tenant_set_rate_limit (RosterDemoTenant *self,
                                   guint             burst,
                                   guint             per_minute)
{
  g_return_if_fail (ROSTER_IS_DEMO_TENANT (self));

  roster_demo_bucket_configure (&self->member_writes, burst, per_minute);
}

void
roster_demo_tenant_set_removal_delay (RosterDemoTenant *self,
                                      guint             delay_ms)
{
  g_return_if_fail (ROSTER_IS_DEMO_TENANT (self));

  self->removal_delay_ms = delay_ms;
}

gboolean
roster_demo_tenant_start (RosterDemoTenant  *self,
                          guint              port,
                          GError           **error)
{
  g_autoptr(SoupServer) server = NULL;
  g_autoslist(GUri) uris = NULL;

  g_return_val_if_fail (ROSTER_IS_DEMO_TENANT (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);
  g_return_val_if_fail (port <= G_MAXUINT16, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* raw-paths keeps the path percent-encoded, as it arrived: the tenant
   * decodes each segment itself, so that "%2F" inside a user id does not
   * split it. */
  server = soup_server_new ("server-header", "roster-demo-tenant ",
                            "raw-paths", TRUE,
                            NULL);
  soup_server_add_handler (server, NULL, handle_request, self, NULL);

  if (!soup_server_listen_local (server, port, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    return FALSE;

  uris = soup_server_get_uris (server);
  g_assert (uris != NULL);

  self->base_uri = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  self->server = g_steal_pointer (&server);

  return TRUE;
}

const char *
roster_demo_tenant_get_base_uri (RosterDemoTenant *self)
{
  g_return_val_if_fail (ROSTER_IS_DEMO_TENANT (self), NULL);

  return self->base_uri;
}

char *
roster_demo_tenant_mint_token (RosterDemoTenant *self,
                               const char       *scopes)
{
  g_return_val_if_fail (ROSTER_IS_DEMO_TENANT (self), NULL);

  return roster_demo_tenant_mint_token_full (self, NULL, scopes, ROSTER_DEMO_TOKEN_LIFETIME_SECONDS);
}

char *
roster_demo_tenant_mint_token_full (RosterDemoTenant *self,
                                    const char       *client_id,
                                    const char       *scopes,
                                    gint64            lifetime_seconds)
{
  g_autofree char *audience = NULL;

  g_return_val_if_fail (ROSTER_IS_DEMO_TENANT (self), NULL);

  /* The audience a client computes for this tenant. It is https, as
   * Auth0 uses no other scheme, even though the tenant serves plain http. */
  audience = g_strdup_printf ("https://127.0.0.1:%u/api/v2/", get_port (self));

  return roster_demo_tenant_issue_token (self,
                                         client_id != NULL ? client_id : ROSTER_DEMO_CLIENT_ID,
                                         audience,
                                         scopes != NULL ? scopes : self->scopes,
                                         lifetime_seconds);
}

void
roster_demo_tenant_inject_failure (RosterDemoTenant *self,
                                   const char       *method,
                                   const char       *path_prefix,
                                   guint             status,
                                   const char       *error_code,
                                   const char       *message)
{
  RosterDemoFailure *failure;

  g_return_if_fail (ROSTER_IS_DEMO_TENANT (self));
  g_return_if_fail (status >= 400 && status <= 599);
  g_return_if_fail (message != NULL);

  failure = g_new0 (RosterDemoFailure, 1);
  failure->method = g_strdup (method);
  failure->path_prefix = g_strdup (path_prefix);
  failure->status = status;
  failure->error_code = g_strdup (error_code);
  failure->message = g_strdup (message);

  g_queue_push_tail (&self->injected_failures, failure);
}

GPtrArray *
roster_demo_tenant_get_requests (RosterDemoTenant *self)
{
  g_return_val_if_fail (ROSTER_IS_DEMO_TENANT (self), NULL);

  return self->requests;
}

void
roster_demo_tenant_clear_requests (RosterDemoTenant *self)
{
  g_return_if_fail (ROSTER_IS_DEMO_TENANT (self));

  g_ptr_array_set_size (self->requests, 0);
}

gboolean
roster_demo_tenant_has_member (RosterDemoTenant *self,
                               const char       *organization_id,
                               const char       *user_id)
{
  RosterDemoOrganization *organization;
  RosterDemoMembership *membership;

  g_return_val_if_fail (ROSTER_IS_DEMO_TENANT (self), FALSE);
  g_return_val_if_fail (organization_id != NULL, FALSE);
  g_return_val_if_fail (user_id != NULL, FALSE);

  organization = roster_demo_data_find_organization (self->data, organization_id);
  if (organization == NULL)
    return FALSE;

  membership = roster_demo_organization_find_member (organization, user_id);
  return membership != NULL && membership->active;
}

char **
roster_demo_tenant_list_member_ids (RosterDemoTenant *self,
                                    const char       *organization_id)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  RosterDemoOrganization *organization;

  g_return_val_if_fail (ROSTER_IS_DEMO_TENANT (self), NULL);
  g_return_val_if_fail (organization_id != NULL, NULL);

  builder = g_strv_builder_new ();
  organization = roster_demo_data_find_organization (self->data, organization_id);

  for (guint i = 0; organization != NULL && i < organization->memberships->len; i++)
    {
      RosterDemoMembership *membership = g_ptr_array_index (organization->memberships, i);

      if (membership->active)
        g_strv_builder_add (builder, membership->user->user_id);
    }

  return g_strv_builder_end (builder);
}
