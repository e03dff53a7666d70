/* roster-client-token.c: access tokens for RosterClient, fixed or obtained
 * with the client-credentials grant.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "roster-api-error.h"
#include "roster-client-private.h"
#include "roster-json-private.h"
#include "roster-tenant.h"

/* A token is not reused in the last minute of its lifetime, so a request
 * started with it does not reach Auth0 after it expired. */
#define TOKEN_EXPIRY_MARGIN_SECONDS 60

/* Auth0's default lifetime, assumed when a response has no "expires_in". */
#define DEFAULT_EXPIRES_IN_SECONDS 86400

/* One /oauth/token request in flight. */
typedef struct
{
  SoupMessage  *message;             /* owned */
  guint         credentials_serial;  /* the credentials it was sent with */
  gint64        start_time;          /* monotonic, µs */
} TokenRequest;

/* Task data of a caller waiting for a token. */
typedef struct
{
  GSource  *cancel_source;  /* owned, nullable: fires when the caller cancels */
  gboolean  renewable;      /* the token comes from client credentials */
} TokenWaiter;

static void dispatch_waiter (RosterClient *self,
                             GTask        *task);

static void
token_request_free (TokenRequest *request)
{
  g_clear_object (&request->message);
  g_free (request);
}

static void
token_waiter_free (gpointer pointer)
{
  TokenWaiter *waiter = pointer;

  if (waiter->cancel_source != NULL)
    {
      g_source_destroy (waiter->cancel_source);
      g_source_unref (waiter->cancel_source);
    }

  g_free (waiter);
}

static void
free_secret_string (gpointer pointer)
{
  char *text = pointer;

  roster_client_clear_secret (&text);
}

/* The body contains the client secret, so its buffer is zeroed when libsoup
 * releases it. */
static GBytes *
build_token_request_body (RosterClient *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *audience = self->audience != NULL
                               ? g_strdup (self->audience)
                               : roster_tenant_get_audience (self->base_uri);
  char *text;
  gsize length;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "grant_type");
  json_builder_add_string_value (builder, "client_credentials");
  json_builder_set_member_name (builder, "client_id");
  json_builder_add_string_value (builder, self->client_id);
  json_builder_set_member_name (builder, "client_secret");
  json_builder_add_string_value (builder, self->client_secret);
  json_builder_set_member_name (builder, "audience");
  json_builder_add_string_value (builder, audience);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);

  return g_bytes_new_with_free_func (text, length, free_secret_string, text);
}

/* Reads expires_in, which Auth0 sends as an integer number of seconds. */
static gint64
get_expires_in (JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "expires_in");

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return DEFAULT_EXPIRES_IN_SECONDS;

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);

  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return (gint64) json_node_get_double (node);

  return DEFAULT_EXPIRES_IN_SECONDS;
}

/* Parses a failed response: OAuth's {"error", "error_description"}, or a
 * Management API error body with "message". */
static GError *
parse_token_error (guint        status,
                   GBytes      *body,
                   SoupMessage *message)
{
  g_autoptr(JsonNode) root = roster_json_parse_bytes (body, NULL);
  gint64 reset = roster_client_get_rate_limit_reset (message);
  const char *description;
  JsonObject *object;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return roster_api_error_new_for_token_response (status, NULL, NULL, reset);

  object = json_node_get_object (root);
  description = roster_json_object_get_string (object, "error_description");
  if (description == NULL)
    description = roster_json_object_get_string (object, "message");

  return roster_api_error_new_for_token_response (status,
                                                  roster_json_object_get_string (object, "error"),
                                                  description, reset);
}

/* Stores the token of a successful response. The response body is never
 * logged, because it contains the token. */
static gboolean
store_token (RosterClient  *self,
             GBytes        *body,
             gint64         start_time,
             GError       **error)
{
  g_autoptr(JsonNode) root = roster_json_parse_bytes (body, NULL);
  const char *access_token = NULL;
  gint64 expires_in;

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    access_token = roster_json_object_get_string (json_node_get_object (root), "access_token");

  if (access_token == NULL || access_token[0] == '\0')
    {
      g_set_error_literal (error, ROSTER_API_ERROR, ROSTER_API_ERROR_INVALID_RESPONSE,
                           _("The tenant answered the token request without an access token."));
      return FALSE;
    }

  expires_in = get_expires_in (json_node_get_object (root));

  roster_client_clear_secret (&self->access_token);
  self->access_token = g_strdup (access_token);
  self->access_token_reuse_until =
    start_time + (expires_in - TOKEN_EXPIRY_MARGIN_SECONDS) * G_USEC_PER_SEC;

  return TRUE;
}

static GPtrArray *
steal_waiters (RosterClient *self)
{
  GPtrArray *waiters = self->token_waiters;

  self->token_waiters = NULL;
  return waiters != NULL ? waiters : g_ptr_array_new_with_free_func (g_object_unref);
}

static void
return_token (GTask      *task,
              const char *token)
{
  g_task_return_pointer (task, g_strdup (token), free_secret_string);
}

static void
on_token_response (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  RosterClient *self = ROSTER_CLIENT (object);
  TokenRequest *request = user_data;
  g_autoptr(GPtrArray) waiters = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  guint status;

  body = roster_client_exchange_finish (self, result, &error);
  status = soup_message_get_status (request->message);

  g_clear_object (&self->token_cancellable);
  waiters = steal_waiters (self);

  /* The credentials changed meanwhile, so ask again with the new ones. */
  if (request->credentials_serial != self->credentials_serial)
    {
      for (guint i = 0; i < waiters->len; i++)
        dispatch_waiter (self, g_object_ref (g_ptr_array_index (waiters, i)));

      token_request_free (request);
      return;
    }

  if (body != NULL && !SOUP_STATUS_IS_SUCCESSFUL (status))
    error = parse_token_error (status, body, request->message);
  else if (body != NULL)
    store_token (self, body, request->start_time, &error);

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        return_token (task, self->access_token);
    }

  token_request_free (request);
}

static void
start_token_request (RosterClient *self)
{
  g_autoptr(GBytes) body = build_token_request_body (self);
  TokenRequest *request;

  g_assert (self->token_cancellable == NULL);

  request = g_new0 (TokenRequest, 1);
  request->credentials_serial = self->credentials_serial;
  request->start_time = g_get_monotonic_time ();
  request->message = roster_client_new_message (self, SOUP_METHOD_POST, "/oauth/token", body, NULL);
  g_assert (request->message != NULL);

  self->token_cancellable = g_cancellable_new ();
  roster_client_exchange_async (self, request->message, self->token_cancellable,
                                on_token_response, request);
}

static gboolean
on_waiter_cancelled (GCancellable *cancellable,
                     gpointer      user_data)
{
  GTask *task = user_data;
  RosterClient *self = g_task_get_source_object (task);

  /* The waiter list owns the task, so hold a reference while returning. */
  g_object_ref (task);
  if (self->token_waiters != NULL && g_ptr_array_remove (self->token_waiters, task))
    g_task_return_error_if_cancelled (task);
  g_object_unref (task);

  return G_SOURCE_REMOVE;
}

/* Makes @task wait for the pending token request, starting one if needed. */
static void
add_waiter (RosterClient *self,
            GTask        *task)
{
  TokenWaiter *waiter = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (cancellable != NULL && waiter->cancel_source == NULL)
    {
      waiter->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (waiter->cancel_source, G_SOURCE_FUNC (on_waiter_cancelled), task, NULL);
      g_source_attach (waiter->cancel_source, g_task_get_context (task));
    }

  if (self->token_waiters == NULL)
    self->token_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->token_waiters, task);

  if (self->token_cancellable == NULL)
    start_token_request (self);
}

/* Completes @task (owned) with a token, or queues it for the pending token
 * request. */
static void
dispatch_waiter (RosterClient *self,
                 GTask        *task)
{
  TokenWaiter *waiter = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  waiter->renewable = self->fixed_token == NULL;

  if (self->fixed_token != NULL)
    return_token (task, self->fixed_token);
  else if (self->client_id == NULL)
    g_task_return_new_error (task, ROSTER_API_ERROR, ROSTER_API_ERROR_INVALID_ARGUMENT,
                             _("No access token or client credentials are set."));
  else if (self->access_token != NULL && g_get_monotonic_time () < self->access_token_reuse_until)
    return_token (task, self->access_token);
  else
    {
      add_waiter (self, task);
      return;
    }

  g_object_unref (task);
}

/* Obtains a token for the next request: the fixed one, the cached
 * client-credentials token while it is fresh, or a new one. Callers that
 * arrive while a token request is pending share it. */
void
roster_client_get_token_async (RosterClient        *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_assert (ROSTER_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_client_get_token_async);
  g_task_set_task_data (task, g_new0 (TokenWaiter, 1), token_waiter_free);

  dispatch_waiter (self, task);
}

char *
roster_client_get_token_finish (RosterClient  *self,
                                GAsyncResult  *result,
                                gboolean      *renewable_out,
                                GError       **error)
{
  TokenWaiter *waiter;

  g_assert (ROSTER_IS_CLIENT (self));
  g_assert (g_task_is_valid (result, self));

  waiter = g_task_get_task_data (G_TASK (result));
  if (renewable_out != NULL)
    *renewable_out = waiter->renewable;

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Forgets the cached token if it is still @token, so the next request
 * obtains a new one. A token that another request already renewed stays. */
void
roster_client_invalidate_token (RosterClient *self,
                                const char   *token)
{
  g_assert (ROSTER_IS_CLIENT (self));

  if (token != NULL && g_strcmp0 (self->access_token, token) == 0)
    roster_client_clear_secret (&self->access_token);
}

/* Forgets all credentials and the cached token. A pending token request is
 * cancelled, and its waiters are served with the credentials set next. */
void
roster_client_reset_credentials (RosterClient *self)
{
  g_assert (ROSTER_IS_CLIENT (self));

  self->credentials_serial++;

  roster_client_clear_secret (&self->fixed_token);
  roster_client_clear_secret (&self->client_secret);
  roster_client_clear_secret (&self->access_token);
  g_clear_pointer (&self->client_id, g_free);
  self->access_token_reuse_until = 0;

  if (self->token_cancellable != NULL)
    g_cancellable_cancel (self->token_cancellable);
}
