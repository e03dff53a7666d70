/* roster-client-removal.c: removing organization members with RosterClient.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "roster-api-error.h"
#include "roster-client-private.h"
#include "roster-json-private.h"

typedef struct
{
  RosterClient *client;          /* owned */
  char         *correlation_id;  /* owned: sent as X-Correlation-ID */
  guint         status;          /* the response's status, 0 before one arrived */
} RemoveData;

typedef struct
{
  char                   *organization_id;  /* owned */
  GStrv                   user_ids;         /* owned */
  guint                   n_user_ids;
  guint                   next_index;       /* the first id of the next request */
  GCancellable           *stop;             /* owned, nullable: stops before the next request */
  RosterRemovalSendingFunc sending_func;   /* nullable */
  RosterRemovalBatchFunc  batch_func;       /* nullable */
  gpointer                batch_data;       /* unowned */
  GPtrArray              *batches;          /* owned: RosterRemovalBatch */
} BatchedData;

G_DEFINE_BOXED_TYPE (RosterRemovalBatch, roster_removal_batch,
                     roster_removal_batch_copy, roster_removal_batch_free)

RosterRemovalBatch *
roster_removal_batch_copy (const RosterRemovalBatch *batch)
{
  RosterRemovalBatch *copy;

  g_return_val_if_fail (batch != NULL, NULL);

  copy = g_new0 (RosterRemovalBatch, 1);
  copy->user_ids = g_strdupv (batch->user_ids);
  copy->status = batch->status;
  copy->correlation_id = g_strdup (batch->correlation_id);
  copy->error = batch->error != NULL ? g_error_copy (batch->error) : NULL;

  return copy;
}

void
roster_removal_batch_free (RosterRemovalBatch *batch)
{
  if (batch == NULL)
    return;

  g_strfreev (batch->user_ids);
  g_free (batch->correlation_id);
  g_clear_error (&batch->error);
  g_free (batch);
}

static void
remove_data_free (gpointer pointer)
{
  RemoveData *data = pointer;

  g_clear_object (&data->client);
  g_clear_pointer (&data->correlation_id, g_free);
  g_free (data);
}

static void
batched_data_free (gpointer pointer)
{
  BatchedData *data = pointer;

  g_clear_pointer (&data->organization_id, g_free);
  g_clear_pointer (&data->user_ids, g_strfreev);
  g_clear_pointer (&data->batches, g_ptr_array_unref);
  g_clear_object (&data->stop);
  g_free (data);
}

static gboolean
user_ids_are_valid (const char * const *user_ids)
{
  for (guint i = 0; user_ids[i] != NULL; i++)
    {
      if (user_ids[i][0] == '\0')
        return FALSE;
    }

  return TRUE;
}

static void
on_remove_members_sent (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  RosterWriteScheduler *scheduler = ROSTER_WRITE_SCHEDULER (object);
  g_autoptr(GTask) task = user_data;
  RemoveData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  body = roster_write_scheduler_send_finish (scheduler, result, &data->status, &error);

  /* Cancelled while reading the body of a response that did arrive. The
   * status shows what Auth0 did, so report that. */
  if (body == NULL && data->status != 0
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_error (&error);
      if (!SOUP_STATUS_IS_SUCCESSFUL (data->status))
        error = roster_api_error_new_for_status (data->status, NULL, NULL, NULL, 0);
    }

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/* Sends one DELETE through the client's write scheduler, or returns an
 * error on @task (owned) when the arguments are invalid. */
static void
send_removal (RosterClient       *self,
              const char         *organization_id,
              const char * const *user_ids,
              const char         *correlation_id,
              GCancellable       *stop,
              GTask              *task)
{
  g_autoptr(GBytes) body = NULL;
  g_autofree char *path = NULL;
  RemoveData *data;
  guint n_user_ids;

  data = g_new0 (RemoveData, 1);
  data->client = g_object_ref (self);
  data->correlation_id = g_strdup (correlation_id);
  g_task_set_task_data (task, data, remove_data_free);

  n_user_ids = g_strv_length ((GStrv) user_ids);
  if (n_user_ids == 0 || n_user_ids > ROSTER_CLIENT_MAX_MEMBERS_PER_REQUEST)
    {
      g_task_return_new_error (task, ROSTER_API_ERROR, ROSTER_API_ERROR_INVALID_ARGUMENT,
                               _("One request removes 1 to %u members, not %u."),
                               ROSTER_CLIENT_MAX_MEMBERS_PER_REQUEST, n_user_ids);
      g_object_unref (task);
      return;
    }

  if (organization_id[0] == '\0' || !user_ids_are_valid (user_ids))
    {
      g_task_return_new_error (task, ROSTER_API_ERROR, ROSTER_API_ERROR_INVALID_ARGUMENT,
                               _("An organization ID or user ID is empty."));
      g_object_unref (task);
      return;
    }

  path = roster_client_build_path ("organizations", organization_id, "members", NULL);
  body = roster_json_build_string_array_body ("members", user_ids);

  roster_write_scheduler_send_async (roster_client_get_write_scheduler (self), self,
                                     SOUP_METHOD_DELETE, path, body, correlation_id,
                                     stop, g_task_get_cancellable (task),
                                     on_remove_members_sent, task);
}

/**
 * roster_client_remove_members_async:
 * @self: a #RosterClient
 * @organization_id: the organization's id
 * @user_ids: (array zero-terminated=1): 1 to
 *   %ROSTER_CLIENT_MAX_MEMBERS_PER_REQUEST user ids
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the request finished
 * @user_data: data for @callback
 *
 * Sends one DELETE request through the client's write scheduler, which
 * waits for the rate limit and sends it again after a 429. Any 2xx status
 * counts as success, although Auth0 documents only 204. A response that
 * arrived is reported even when @cancellable was cancelled meanwhile,
 * because the removal happened.
 */
void
roster_client_remove_members_async (RosterClient        *self,
                                    const char          *organization_id,
                                    const char * const  *user_ids,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;
  g_autofree char *correlation_id = NULL;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (organization_id != NULL);
  g_return_if_fail (user_ids != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_client_remove_members_async);
  g_task_set_check_cancellable (task, FALSE);

  correlation_id = g_uuid_string_random ();
  send_removal (self, organization_id, user_ids, correlation_id, NULL, task);
}

gboolean
roster_client_remove_members_finish (RosterClient  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (ROSTER_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == roster_client_remove_members_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void remove_next_chunk (RosterClient *self,
                               GTask        *task);

static void
on_chunk_removed (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  RosterClient *self = ROSTER_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  BatchedData *data = g_task_get_task_data (task);
  RemoveData *remove_data = g_task_get_task_data (G_TASK (result));
  RosterRemovalBatch *batch;
  guint end;

  end = MIN (data->next_index + ROSTER_CLIENT_MAX_MEMBERS_PER_REQUEST, data->n_user_ids);

  batch = g_new0 (RosterRemovalBatch, 1);
  batch->user_ids = g_new0 (char *, end - data->next_index + 1);
  for (guint i = data->next_index; i < end; i++)
    batch->user_ids[i - data->next_index] = g_strdup (data->user_ids[i]);

  roster_client_remove_members_finish (self, result, &batch->error);
  batch->status = remove_data->status;
  batch->correlation_id = g_strdup (remove_data->correlation_id);

  /* Stop never aborts a request in flight, so a cancelled request without a
   * response under a stop was still waiting: Auth0 never processed it, and
   * it is no batch. */
  if (batch->status == 0 && g_error_matches (batch->error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      && g_cancellable_is_cancelled (data->stop)
      && !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      roster_removal_batch_free (batch);
      remove_next_chunk (self, g_steal_pointer (&task));
      return;
    }

  g_ptr_array_add (data->batches, batch);
  data->next_index = end;

  if (data->batch_func != NULL)
    data->batch_func (batch, data->batch_data);

  remove_next_chunk (self, g_steal_pointer (&task));
}

/* Sends the request for the ids from data->next_index, or returns the
 * batches when all are sent or the caller cancelled. @task is owned. */
static void
remove_next_chunk (RosterClient *self,
                   GTask        *task)
{
  BatchedData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autofree const char **chunk = NULL;
  g_autofree char *correlation_id = NULL;
  GTask *chunk_task;
  guint end;

  if (data->next_index >= data->n_user_ids
      || g_cancellable_is_cancelled (cancellable)
      || g_cancellable_is_cancelled (data->stop))
    {
      g_task_return_pointer (task, g_ptr_array_ref (data->batches),
                             (GDestroyNotify) g_ptr_array_unref);
      g_object_unref (task);
      return;
    }

  end = MIN (data->next_index + ROSTER_CLIENT_MAX_MEMBERS_PER_REQUEST, data->n_user_ids);
  chunk = g_new0 (const char *, end - data->next_index + 1);
  for (guint i = data->next_index; i < end; i++)
    chunk[i - data->next_index] = data->user_ids[i];

  /* The caller records the request before it can reach Auth0. */
  correlation_id = g_uuid_string_random ();
  if (data->sending_func != NULL)
    data->sending_func ((const char * const *) chunk, correlation_id, data->batch_data);

  chunk_task = g_task_new (self, cancellable, on_chunk_removed, task);
  g_task_set_source_tag (chunk_task, roster_client_remove_members_async);
  g_task_set_check_cancellable (chunk_task, FALSE);
  send_removal (self, data->organization_id, chunk, correlation_id, data->stop, chunk_task);
}

void
roster_client_remove_members_batched_async (RosterClient           *self,
                                            const char             *organization_id,
                                            const char * const     *user_ids,
                                            RosterRemovalBatchFunc  batch_func,
                                            gpointer                batch_data,
                                            GCancellable           *cancellable,
                                            GAsyncReadyCallback     callback,
                                            gpointer                user_data)
{
  roster_client_remove_members_batched_full_async (self, organization_id, user_ids,
                                                   NULL, batch_func, batch_data,
                                                   NULL, cancellable, callback, user_data);
}

void
roster_client_remove_members_batched_full_async (RosterClient             *self,
                                                 const char               *organization_id,
                                                 const char * const       *user_ids,
                                                 RosterRemovalSendingFunc  sending_func,
                                                 RosterRemovalBatchFunc    batch_func,
                                                 gpointer                  batch_data,
                                                 GCancellable             *stop,
                                                 GCancellable             *cancellable,
                                                 GAsyncReadyCallback       callback,
                                                 gpointer                  user_data)
{
  GTask *task;
  BatchedData *data;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (organization_id != NULL);
  g_return_if_fail (user_ids != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_client_remove_members_batched_full_async);
  /* The batches sent before a cancellation are the result, not an error. */
  g_task_set_check_cancellable (task, FALSE);

  if (organization_id[0] == '\0' || !user_ids_are_valid (user_ids))
    {
      g_task_return_new_error (task, ROSTER_API_ERROR, ROSTER_API_ERROR_INVALID_ARGUMENT,
                               _("An organization ID or user ID is empty."));
      g_object_unref (task);
      return;
    }

  data = g_new0 (BatchedData, 1);
  data->organization_id = g_strdup (organization_id);
  data->user_ids = g_strdupv ((GStrv) user_ids);
  data->n_user_ids = g_strv_length (data->user_ids);
  data->stop = stop != NULL ? g_object_ref (stop) : NULL;
  data->sending_func = sending_func;
  data->batch_func = batch_func;
  data->batch_data = batch_data;
  data->batches = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_removal_batch_free);
  g_task_set_task_data (task, data, batched_data_free);

  remove_next_chunk (self, task);
}

/**
 * roster_client_remove_members_batched_finish:
 * @self: a #RosterClient
 * @result: the result passed to the callback
 * @error: return location for a ROSTER_API_ERROR_INVALID_ARGUMENT error
 *
 * A cancelled removal also returns the batches sent so far. The last one
 * has status 0 and a G_IO_ERROR_CANCELLED error when the cancellation came
 * before its response. Then it is unknown whether Auth0 removed those
 * members.
 *
 * Returns: (transfer container) (element-type RosterRemovalBatch): one
 *   batch per request sent, in order
 */
GPtrArray *
roster_client_remove_members_batched_finish (RosterClient  *self,
                                             GAsyncResult  *result,
                                             GError       **error)
{
  g_return_val_if_fail (ROSTER_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
