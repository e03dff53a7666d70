/* roster-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "roster-api-error.h"
#include "roster-client-private.h"
#include "roster-tenant.h"
#include "roster-json-private.h"

/* libsoup's I/O timeout in seconds: how long a request may wait for the next
 * bytes before it fails with G_IO_ERROR_TIMED_OUT. */
#define IO_TIMEOUT_SECONDS 60

enum {
  PROP_0,
  PROP_BASE_URI,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (RosterClient, roster_client, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

typedef struct
{
  SoupMessage *message;     /* owned */
  gint64       start_time;  /* monotonic, µs */
} ExchangeData;

typedef struct
{
  char        *method;          /* owned */
  char        *path_and_query;  /* owned */
  GBytes      *body;            /* owned, nullable */
  char        *token;           /* owned, nullable: zeroed before it is freed */
  char        *correlation_id;  /* owned, nullable: NULL gives each write a random one */
  SoupMessage *message;         /* owned, nullable: the last request sent */
  gboolean     renewable;       /* the token comes from client credentials */
  gboolean     renewed;         /* a 401 already renewed the token once */
  guint        status;          /* the last response's status, 0 before one */
} SendData;

static void
exchange_data_free (gpointer pointer)
{
  ExchangeData *data = pointer;

  g_clear_object (&data->message);
  g_free (data);
}

static void
send_data_free (gpointer pointer)
{
  SendData *data = pointer;

  g_clear_pointer (&data->method, g_free);
  g_clear_pointer (&data->path_and_query, g_free);
  g_clear_pointer (&data->body, g_bytes_unref);
  roster_client_clear_secret (&data->token);
  g_clear_pointer (&data->correlation_id, g_free);
  g_clear_object (&data->message);
  g_free (data);
}

void
roster_client_clear_secret (char **secret)
{
  g_assert (secret != NULL);

  if (*secret == NULL)
    return;

  explicit_bzero (*secret, strlen (*secret));
  g_clear_pointer (secret, g_free);
}

static gboolean
method_has_correlation_id (const char *method)
{
  return g_str_equal (method, SOUP_METHOD_POST)
         || g_str_equal (method, SOUP_METHOD_PUT)
         || g_str_equal (method, "PATCH")
         || g_str_equal (method, SOUP_METHOD_DELETE);
}

SoupMessage *
roster_client_new_message (RosterClient  *self,
                           const char    *method,
                           const char    *path_and_query,
                           GBytes        *body,
                           GError       **error)
{
  g_autofree char *uri_string = NULL;
  g_autoptr(GUri) uri = NULL;
  SoupMessageHeaders *headers;
  SoupMessage *message;

  g_assert (ROSTER_IS_CLIENT (self));
  g_assert (method != NULL);
  g_assert (path_and_query != NULL);

  /* The ENCODED flags keep every escape as it is. Without them GLib would
   * decode "%2F" inside a user id into a path separator. */
  uri_string = g_strconcat (self->base_uri, path_and_query, NULL);
  uri = g_uri_parse (uri_string, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL || path_and_query[0] != '/')
    {
      g_set_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a valid request path."), path_and_query);
      return NULL;
    }

  message = soup_message_new_from_uri (method, uri);
  headers = soup_message_get_request_headers (message);
  soup_message_headers_replace (headers, "Accept", "application/json");

  /* Auth0 records this id in the tenant logs of a write, so a failure can be
   * found there. */
  if (method_has_correlation_id (method))
    {
      g_autofree char *correlation_id = g_uuid_string_random ();

      soup_message_headers_replace (headers, "X-Correlation-ID", correlation_id);
    }

  if (body != NULL)
    soup_message_set_request_body_from_bytes (message, "application/json", body);

  return message;
}

gint64
roster_client_get_rate_limit_reset (SoupMessage *message)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  const char *value = soup_message_headers_get_one (headers, "x-ratelimit-reset");
  gint64 reset = 0;

  if (value == NULL || !g_ascii_string_to_signed (value, 10, 0, G_MAXINT64, &reset, NULL))
    return 0;

  return reset;
}

/* Logs method, path, status, duration and correlation id. The query is left
 * out because it may carry a checkpoint token. */
static void
log_exchange (ExchangeData *data,
              const GError *error)
{
  SoupMessage *message = data->message;
  const char *method = soup_message_get_method (message);
  const char *path = g_uri_get_path (soup_message_get_uri (message));
  const char *correlation_id;
  gint64 duration_ms;

  correlation_id = soup_message_headers_get_one (soup_message_get_request_headers (message),
                                                 "X-Correlation-ID");
  if (correlation_id == NULL)
    correlation_id = "none";

  duration_ms = (g_get_monotonic_time () - data->start_time) / 1000;

  if (error != NULL)
    g_debug ("%s %s: failed after %" G_GINT64_FORMAT " ms, correlation ID %s: %s",
             method, path, duration_ms, correlation_id, error->message);
  else
    g_debug ("%s %s: HTTP %u in %" G_GINT64_FORMAT " ms, correlation ID %s",
             method, path, soup_message_get_status (message), duration_ms, correlation_id);
}

static void
on_send_and_read (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SoupSession *session = SOUP_SESSION (object);
  g_autoptr(GTask) task = user_data;
  ExchangeData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  body = soup_session_send_and_read_finish (session, result, &error);
  log_exchange (data, error);

  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&body), (GDestroyNotify) g_bytes_unref);
}

void
roster_client_exchange_async (RosterClient        *self,
                              SoupMessage         *message,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExchangeData *data;

  g_assert (ROSTER_IS_CLIENT (self));
  g_assert (SOUP_IS_MESSAGE (message));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_client_exchange_async);
  /* A response that arrived is reported even if the caller cancelled after. */
  g_task_set_check_cancellable (task, FALSE);

  data = g_new0 (ExchangeData, 1);
  data->message = g_object_ref (message);
  data->start_time = g_get_monotonic_time ();
  g_task_set_task_data (task, data, exchange_data_free);

  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT, cancellable,
                                    on_send_and_read, g_steal_pointer (&task));
}

GBytes *
roster_client_exchange_finish (RosterClient  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_assert (ROSTER_IS_CLIENT (self));
  g_assert (g_task_is_valid (result, self));

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void on_token_ready (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data);

static void
renew_token_and_resend (RosterClient *self,
                        GTask        *task)
{
  SendData *data = g_task_get_task_data (task);

  g_debug ("%s %s: renewing the access token after HTTP 401",
           data->method, g_uri_get_path (soup_message_get_uri (data->message)));

  roster_client_invalidate_token (self, data->token);
  data->renewed = TRUE;

  roster_client_get_token_async (self, g_task_get_cancellable (task), on_token_ready, task);
}

static void
on_exchanged (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  RosterClient *self = ROSTER_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  SendData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  body = roster_client_exchange_finish (self, result, &error);
  data->status = soup_message_get_status (data->message);

  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data->status == SOUP_STATUS_UNAUTHORIZED && data->renewable && !data->renewed)
    {
      renew_token_and_resend (self, g_steal_pointer (&task));
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (data->status))
    {
      g_task_return_error (task,
                           roster_api_error_new_from_body (data->status, body,
                                                           roster_client_get_rate_limit_reset (data->message)));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&body), (GDestroyNotify) g_bytes_unref);
}

static void
set_authorization (SoupMessage *message,
                   const char  *token)
{
  char *authorization = g_strconcat ("Bearer ", token, NULL);

  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Authorization", authorization);
  roster_client_clear_secret (&authorization);
}

static void
on_token_ready (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  RosterClient *self = ROSTER_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  SendData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GError) error = NULL;

  roster_client_clear_secret (&data->token);
  data->token = roster_client_get_token_finish (self, result, &data->renewable, &error);
  if (data->token == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_clear_object (&data->message);
  data->message = roster_client_new_message (self, data->method, data->path_and_query,
                                             data->body, &error);
  if (data->message == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  set_authorization (data->message, data->token);
  if (data->correlation_id != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (data->message),
                                  "X-Correlation-ID", data->correlation_id);

  roster_client_exchange_async (self, data->message, cancellable,
                                on_exchanged, g_steal_pointer (&task));
}

void
roster_client_send_async (RosterClient        *self,
                          const char          *method,
                          const char          *path_and_query,
                          GBytes              *body,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SendData *data;

  g_assert (ROSTER_IS_CLIENT (self));
  g_assert (method != NULL);
  g_assert (path_and_query != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_client_send_async);
  g_task_set_check_cancellable (task, FALSE);

  data = g_new0 (SendData, 1);
  data->method = g_strdup (method);
  data->path_and_query = g_strdup (path_and_query);
  data->body = body != NULL ? g_bytes_ref (body) : NULL;
  g_task_set_task_data (task, data, send_data_free);

  roster_client_get_token_async (self, cancellable, on_token_ready, g_steal_pointer (&task));
}

void
roster_client_send_write_async (RosterClient        *self,
                                const char          *method,
                                const char          *path_and_query,
                                GBytes              *body,
                                const char          *correlation_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SendData *data;

  g_assert (ROSTER_IS_CLIENT (self));
  g_assert (method != NULL);
  g_assert (path_and_query != NULL);
  g_assert (correlation_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_client_send_async);
  g_task_set_check_cancellable (task, FALSE);

  data = g_new0 (SendData, 1);
  data->method = g_strdup (method);
  data->path_and_query = g_strdup (path_and_query);
  data->body = body != NULL ? g_bytes_ref (body) : NULL;
  data->correlation_id = g_strdup (correlation_id);
  g_task_set_task_data (task, data, send_data_free);

  roster_client_get_token_async (self, cancellable, on_token_ready, g_steal_pointer (&task));
}

SoupMessage *
roster_client_send_get_message (RosterClient *self,
                                GAsyncResult *result)
{
  SendData *data;

  g_assert (ROSTER_IS_CLIENT (self));
  g_assert (g_task_is_valid (result, self));

  data = g_task_get_task_data (G_TASK (result));

  return data->message;
}

GBytes *
roster_client_send_finish (RosterClient  *self,
                           GAsyncResult  *result,
                           guint         *status_out,
                           GError       **error)
{
  SendData *data;

  g_assert (ROSTER_IS_CLIENT (self));
  g_assert (g_task_is_valid (result, self));

  data = g_task_get_task_data (G_TASK (result));
  if (status_out != NULL)
    *status_out = data->status;

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
roster_client_constructed (GObject *object)
{
  RosterClient *self = (RosterClient *)object;

  G_OBJECT_CLASS (roster_client_parent_class)->constructed (object);

  /* The session keeps libsoup's defaults for TLS: the system CA store, and
   * no handler that could accept an invalid certificate. */
  self->session = soup_session_new_with_options ("user-agent", "Roster/" PACKAGE_VERSION,
                                                 "timeout", IO_TIMEOUT_SECONDS,
                                                 NULL);
}

static void
roster_client_dispose (GObject *object)
{
  RosterClient *self = (RosterClient *)object;

  if (self->token_cancellable != NULL)
    g_cancellable_cancel (self->token_cancellable);

  G_OBJECT_CLASS (roster_client_parent_class)->dispose (object);
}

static void
roster_client_finalize (GObject *object)
{
  RosterClient *self = (RosterClient *)object;

  roster_client_reset_credentials (self);

  g_clear_pointer (&self->token_waiters, g_ptr_array_unref);
  g_clear_object (&self->token_cancellable);
  g_clear_object (&self->write_scheduler);
  g_clear_object (&self->session);
  g_clear_pointer (&self->base_uri, g_free);
  g_clear_pointer (&self->audience, g_free);

  G_OBJECT_CLASS (roster_client_parent_class)->finalize (object);
}

static void
roster_client_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RosterClient *self = ROSTER_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URI:
      g_value_set_string (value, self->base_uri);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_client_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  RosterClient *self = ROSTER_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URI:
      self->base_uri = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_client_class_init (RosterClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = roster_client_constructed;
  object_class->dispose = roster_client_dispose;
  object_class->finalize = roster_client_finalize;
  object_class->get_property = roster_client_get_property;
  object_class->set_property = roster_client_set_property;

  properties[PROP_BASE_URI] =
    g_param_spec_string ("base-uri", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
roster_client_init (RosterClient *self)
{
}

/**
 * roster_client_new:
 * @base_uri: a base URI from roster_tenant_parse_domain(), without a
 *   trailing slash
 *
 * Creates a client for one tenant. Set a token or client credentials before
 * the first request.
 *
 * Returns: (transfer full): a new #RosterClient
 */
RosterClient *
roster_client_new (const char *base_uri)
{
  g_return_val_if_fail (base_uri != NULL, NULL);
  g_return_val_if_fail (!g_str_has_suffix (base_uri, "/"), NULL);

  return g_object_new (ROSTER_TYPE_CLIENT,
                       "base-uri", base_uri,
                       NULL);
}

const char *
roster_client_get_base_uri (RosterClient *self)
{
  g_return_val_if_fail (ROSTER_IS_CLIENT (self), NULL);

  return self->base_uri;
}

/**
 * roster_client_set_access_token:
 * @self: a #RosterClient
 * @access_token: a Management API access token, optionally prefixed by
 *   "Bearer "
 *
 * Replaces any credentials with a fixed token. White space around the token
 * is ignored. A 401 with a fixed token is final: the client cannot renew it.
 */
void
roster_client_set_access_token (RosterClient *self,
                                const char   *access_token)
{
  g_autofree char *trimmed = NULL;
  const char *token;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (access_token != NULL);

  roster_client_reset_credentials (self);

  trimmed = g_strstrip (g_strdup (access_token));
  token = trimmed;
  if (g_ascii_strncasecmp (token, "Bearer ", strlen ("Bearer ")) == 0)
    token += strlen ("Bearer ");

  while (g_ascii_isspace (*token))
    token++;

  if (token[0] != '\0')
    self->fixed_token = g_strdup (token);

  roster_client_clear_secret (&trimmed);
}

/**
 * roster_client_set_client_credentials:
 * @self: a #RosterClient
 * @client_id: the machine-to-machine application's client ID
 * @client_secret: its client secret, kept in memory only
 *
 * Replaces any credentials with client credentials. The first request then
 * obtains a token from {base}/oauth/token.
 */
void
roster_client_set_client_credentials (RosterClient *self,
                                      const char   *client_id,
                                      const char   *client_secret)
{
  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (client_id != NULL);
  g_return_if_fail (client_secret != NULL);

  roster_client_reset_credentials (self);

  self->client_id = g_strdup (client_id);
  self->client_secret = g_strdup (client_secret);
}

/**
 * roster_client_set_audience_domain:
 * @self: a #RosterClient
 * @canonical_domain: (nullable): the tenant's canonical domain, such as
 *   "travel0.us.auth0.com", or %NULL to derive the audience from the base URI
 *
 * Sets the domain of the token audience for a client whose base URI is a
 * custom domain. Auth0 always wants "https://{canonical}/api/v2/" as the
 * audience, and the API must then be called on the host that issued the
 * token, which is the base URI.
 */
void
roster_client_set_audience_domain (RosterClient *self,
                                   const char   *canonical_domain)
{
  g_autofree char *base_uri = NULL;

  g_return_if_fail (ROSTER_IS_CLIENT (self));

  g_clear_pointer (&self->audience, g_free);
  roster_client_clear_secret (&self->access_token);
  self->access_token_reuse_until = 0;

  if (canonical_domain == NULL || *canonical_domain == '\0')
    return;

  base_uri = roster_tenant_parse_domain (canonical_domain, NULL);
  if (base_uri == NULL)
    {
      g_critical ("“%s” is not a tenant domain", canonical_domain);
      return;
    }

  self->audience = roster_tenant_get_audience (base_uri);
}

static void
on_access_token (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RosterClient *self = ROSTER_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *token;

  token = roster_client_get_token_finish (self, result, NULL, &error);

  if (token == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, token, (GDestroyNotify) roster_client_free_token);
}

/**
 * roster_client_get_access_token_async:
 * @self: a #RosterClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the token is known
 * @user_data: data for @callback
 *
 * Obtains the access token that the next request would send: the fixed
 * token, or a client-credentials token (from the cache, or a new one from
 * /oauth/token). Adding a tenant decodes it to show its scopes. The caller
 * must not log or store it, and frees it with roster_client_free_token().
 */
void
roster_client_get_access_token_async (RosterClient        *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_client_get_access_token_async);

  roster_client_get_token_async (self, cancellable, on_access_token, g_steal_pointer (&task));
}

char *
roster_client_get_access_token_finish (RosterClient  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (ROSTER_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * roster_client_free_token:
 * @token: (nullable): a token from roster_client_get_access_token_finish()
 *
 * Overwrites @token with zeros and frees it.
 */
void
roster_client_free_token (char *token)
{
  roster_client_clear_secret (&token);
}

/**
 * roster_client_set_tls_database:
 * @self: a #RosterClient
 * @database: (nullable): the CA store to verify servers with, or %NULL for
 *   the system CA store
 *
 * Replaces the session's CA store. Verification stays on either way.
 */
void
roster_client_set_tls_database (RosterClient *self,
                                GTlsDatabase *database)
{
  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (database == NULL || G_IS_TLS_DATABASE (database));

  if (database == NULL)
    database = g_tls_backend_get_default_database (g_tls_backend_get_default ());
  else
    g_object_ref (database);

  soup_session_set_tls_database (self->session, database);
  g_clear_object (&database);
}

RosterWriteScheduler *
roster_client_get_write_scheduler (RosterClient *self)
{
  g_assert (ROSTER_IS_CLIENT (self));

  if (self->write_scheduler == NULL)
    self->write_scheduler = roster_write_scheduler_new ();

  return self->write_scheduler;
}

/**
 * roster_client_build_path:
 * @first_segment: the first path segment after "/api/v2/"
 * @...: more segments, then %NULL
 *
 * Builds an API path, percent-encoding each segment once.
 *
 * Returns: (transfer full): the path, e.g. "/api/v2/organizations/org_1/members"
 */
char *
roster_client_build_path (const char *first_segment,
                          ...)
{
  GString *path;
  va_list args;

  g_return_val_if_fail (first_segment != NULL, NULL);

  path = g_string_new ("/api/v2");

  va_start (args, first_segment);
  for (const char *segment = first_segment; segment != NULL; segment = va_arg (args, const char *))
    {
      g_autofree char *escaped = g_uri_escape_string (segment, NULL, FALSE);

      g_string_append_c (path, '/');
      g_string_append (path, escaped);
    }
  va_end (args);

  return g_string_free (path, FALSE);
}
