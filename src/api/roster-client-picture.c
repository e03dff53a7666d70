/* roster-client-picture.c: member pictures.
 *
 * A member's "picture" is a URL on a host outside the tenant, such as
 * Gravatar or Auth0's CDN, so the request carries no token.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "roster-api-error.h"
#include "roster-client-private.h"
#include "roster-tenant.h"

/* Pictures are small avatars, so a larger body is rejected before it is read whole. */
#define MAX_PICTURE_BYTES (2 * 1024 * 1024)

/* Accepts https, and http only for a loopback host, like tenant domains. */
static GUri *
parse_picture_uri (const char  *uri,
                   GError     **error)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, SOUP_HTTP_URI_FLAGS, NULL);
  const char *scheme = parsed != NULL ? g_uri_get_scheme (parsed) : NULL;

  if (parsed != NULL && g_strcmp0 (scheme, "https") == 0)
    return g_steal_pointer (&parsed);

  if (parsed != NULL && g_strcmp0 (scheme, "http") == 0 &&
      roster_tenant_host_is_loopback (g_uri_get_host (parsed)))
    return g_steal_pointer (&parsed);

  g_set_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_INVALID_ARGUMENT,
               _("The picture address “%s” is not an https URL."), uri);
  return NULL;
}

typedef struct
{
  SoupMessage  *message;  /* owned */
  GInputStream *stream;   /* owned, nullable: the body once headers arrived */
  guint8       *buffer;   /* owned: one byte more than allowed, to notice a larger body */
} PictureRequest;

static void
picture_request_free (PictureRequest *request)
{
  g_clear_object (&request->message);
  g_clear_object (&request->stream);
  g_free (request->buffer);
  g_free (request);
}

static void
on_picture_read (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PictureRequest *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  if (!g_input_stream_read_all_finish (G_INPUT_STREAM (object), result, &length, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (length > MAX_PICTURE_BYTES)
    {
      g_task_return_new_error (task, ROSTER_API_ERROR, ROSTER_API_ERROR_INVALID_RESPONSE,
                               _("The picture is larger than %d bytes."), MAX_PICTURE_BYTES);
      return;
    }

  g_task_return_pointer (task, g_bytes_new (request->buffer, length), (GDestroyNotify) g_bytes_unref);
}

static void
on_picture_sent (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PictureRequest *request = g_task_get_task_data (task);
  GCancellable *cancellable;
  g_autoptr(GError) error = NULL;
  guint status;

  request->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (request->stream == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  status = soup_message_get_status (request->message);
  if (status != SOUP_STATUS_OK)
    {
      g_task_return_error (task, roster_api_error_new_for_status (status, NULL, NULL, NULL, 0));
      return;
    }

  /* Reading at most one byte past the limit bounds the memory a hostile
   * server can make Roster use. */
  request->buffer = g_malloc (MAX_PICTURE_BYTES + 1);
  cancellable = g_task_get_cancellable (task);
  g_input_stream_read_all_async (request->stream, request->buffer, MAX_PICTURE_BYTES + 1,
                                 G_PRIORITY_LOW, cancellable,
                                 on_picture_read, g_steal_pointer (&task));
}

/**
 * roster_client_fetch_picture_async:
 * @uri: a member's "picture" URL
 *
 * Downloads a member's picture without sending the token. Only https URLs
 * are fetched, and http ones on a loopback host; TLS is verified as for
 * every other request.
 */
void
roster_client_fetch_picture_async (RosterClient        *self,
                                   const char          *uri,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GUri) parsed = NULL;
  g_autoptr(GError) error = NULL;
  PictureRequest *request;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (uri != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_client_fetch_picture_async);

  parsed = parse_picture_uri (uri, &error);
  if (parsed == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  request = g_new0 (PictureRequest, 1);
  request->message = soup_message_new_from_uri (SOUP_METHOD_GET, parsed);
  soup_message_headers_append (soup_message_get_request_headers (request->message), "Accept", "image/*");
  g_task_set_task_data (task, request, (GDestroyNotify) picture_request_free);

  soup_session_send_async (self->session, request->message, G_PRIORITY_LOW, cancellable,
                           on_picture_sent, g_steal_pointer (&task));
}

/**
 * roster_client_fetch_picture_finish:
 *
 * Returns: (transfer full): the picture's bytes, as the server sent them
 */
GBytes *
roster_client_fetch_picture_finish (RosterClient  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (ROSTER_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
