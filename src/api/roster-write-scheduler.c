/* roster-write-scheduler.c: sends Management API writes one at a time and
 * paces them by the x-ratelimit-* headers, so that a long removal runs as
 * fast as the tenant's rate limit allows without running into 429s.
 *
 * Auth0 sends x-ratelimit-limit, x-ratelimit-remaining and
 * x-ratelimit-reset (Unix seconds when the bucket gains requests again) on
 * its responses. When the last response left no request in the bucket, the
 * next write waits for the reset. A 429 is retried after its reset, or
 * after an exponential backoff when the header is missing, until the
 * maximum number of attempts. Any other status, 2xx included, ends the
 * write, so a request that got a 204 is never sent again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "roster-api-error.h"
#include "roster-client-private.h"
#include "roster-write-scheduler.h"

struct _RosterWriteScheduler
{
  GObject   parent_instance;

  GQueue    pending;          /* owned: GTasks waiting for their turn */
  GTask    *current;          /* owned, nullable: the write waiting or in flight */
  GSource  *wait_source;      /* owned, nullable: the timeout before the current write */
  GSource  *cancel_source;    /* owned, nullable: the current write's cancellable while it waits */
  GSource  *stop_source;      /* owned, nullable: the current write's stop cancellable while it waits */

  gint64    limit;            /* x-ratelimit-limit of the last response, -1 when unknown */
  gint64    remaining;        /* x-ratelimit-remaining of the last response, -1 when unknown */
  gint64    reset;            /* x-ratelimit-reset of the last response in Unix seconds, 0 when unknown */
  guint     max_attempts;
  guint     n_rate_limited;   /* 429 responses seen */
};

typedef struct
{
  RosterClient *client;          /* owned */
  char         *method;          /* owned */
  char         *path_and_query;  /* owned */
  GBytes       *body;            /* owned, nullable */
  char         *correlation_id;  /* owned */
  GCancellable *stop;            /* owned, nullable: ends the write while it waits, not in flight */
  guint         attempts;        /* requests sent so far */
  guint         backoff_ms;      /* the wait after the next 429 without a reset */
  guint         status;          /* the last response's status, 0 before one */
} WriteData;

G_DEFINE_FINAL_TYPE (RosterWriteScheduler, roster_write_scheduler, G_TYPE_OBJECT)

static void dispatch_next (RosterWriteScheduler *self);

static void
write_data_free (gpointer pointer)
{
  WriteData *data = pointer;

  g_clear_object (&data->client);
  g_clear_pointer (&data->method, g_free);
  g_clear_pointer (&data->path_and_query, g_free);
  g_clear_pointer (&data->body, g_bytes_unref);
  g_clear_pointer (&data->correlation_id, g_free);
  g_clear_object (&data->stop);
  g_free (data);
}

static gint64
parse_header (SoupMessageHeaders *headers,
              const char         *name)
{
  const char *value = soup_message_headers_get_one (headers, name);
  gint64 number;

  if (value == NULL || !g_ascii_string_to_signed (value, 10, 0, G_MAXINT64, &number, NULL))
    return -1;

  return number;
}

/* Keeps the headers of the latest response that carried them. */
static void
update_rate_limit (RosterWriteScheduler *self,
                   SoupMessage          *message)
{
  SoupMessageHeaders *headers;
  gint64 remaining;
  gint64 reset;

  if (message == NULL)
    return;

  headers = soup_message_get_response_headers (message);
  remaining = parse_header (headers, "x-ratelimit-remaining");
  reset = parse_header (headers, "x-ratelimit-reset");
  if (remaining < 0 || reset < 0)
    return;

  self->limit = parse_header (headers, "x-ratelimit-limit");
  self->remaining = remaining;
  self->reset = reset;
}

/* Returns the milliseconds until the reset, 0 when it is past. */
static guint
compute_wait_for_reset (gint64 reset)
{
  gint64 wait_ms = reset * 1000 - g_get_real_time () / 1000;

  return (guint) CLAMP (wait_ms, 0, ROSTER_WRITE_SCHEDULER_MAX_WAIT_MS);
}

static guint
compute_wait_before_send (RosterWriteScheduler *self)
{
  if (self->remaining != 0 || self->reset <= 0)
    return 0;

  return compute_wait_for_reset (self->reset);
}

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

static void
clear_wait_sources (RosterWriteScheduler *self)
{
  clear_source (&self->wait_source);
  clear_source (&self->cancel_source);
  clear_source (&self->stop_source);
}

static GTask *
steal_current (RosterWriteScheduler *self)
{
  clear_wait_sources (self);

  return g_steal_pointer (&self->current);
}

/* Returns the current write as cancelled before it was sent again. Its
 * status becomes 0 even after a 429, because Auth0 processed no attempt. */
static void
finish_cancelled (RosterWriteScheduler *self)
{
  g_autoptr(GTask) task = steal_current (self);
  WriteData *data = g_task_get_task_data (task);

  data->status = 0;
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("The request was cancelled before it was sent."));
  dispatch_next (self);
}

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data);

static void
send_current (RosterWriteScheduler *self)
{
  GTask *task = self->current;
  WriteData *data = g_task_get_task_data (task);

  data->attempts++;
  roster_client_send_write_async (data->client, data->method, data->path_and_query,
                                  data->body, data->correlation_id,
                                  g_task_get_cancellable (task),
                                  on_sent, g_object_ref (self));
}

static gboolean
on_wait_done (gpointer user_data)
{
  RosterWriteScheduler *self = user_data;

  /* Returning G_SOURCE_REMOVE destroys the wait source itself. */
  g_clear_pointer (&self->wait_source, g_source_unref);
  clear_wait_sources (self);

  send_current (self);

  return G_SOURCE_REMOVE;
}

static gboolean
on_wait_cancelled (GCancellable *cancellable,
                   gpointer      user_data)
{
  RosterWriteScheduler *self = user_data;

  finish_cancelled (self);

  return G_SOURCE_REMOVE;
}

static GSource *
attach_cancel_source (GCancellable *cancellable,
                      gpointer      user_data)
{
  GSource *source = g_cancellable_source_new (cancellable);

  g_source_set_callback (source, G_SOURCE_FUNC (on_wait_cancelled), user_data, NULL);
  g_source_attach (source, NULL);

  return source;
}

/* Sends the current write after @wait_ms, unless its cancellable or stop
 * cancellable fires first. */
static void
send_current_after (RosterWriteScheduler *self,
                    guint                 wait_ms)
{
  GCancellable *cancellable = g_task_get_cancellable (self->current);
  WriteData *data = g_task_get_task_data (self->current);

  if (g_cancellable_is_cancelled (cancellable) || g_cancellable_is_cancelled (data->stop))
    {
      finish_cancelled (self);
      return;
    }

  if (wait_ms == 0)
    {
      send_current (self);
      return;
    }

  self->wait_source = g_timeout_source_new (wait_ms);
  g_source_set_callback (self->wait_source, on_wait_done, self, NULL);
  g_source_attach (self->wait_source, NULL);

  if (cancellable != NULL)
    self->cancel_source = attach_cancel_source (cancellable, self);
  if (data->stop != NULL)
    self->stop_source = attach_cancel_source (data->stop, self);
}

static void
dispatch_next (RosterWriteScheduler *self)
{
  if (self->current != NULL)
    return;

  self->current = g_queue_pop_head (&self->pending);
  if (self->current == NULL)
    return;

  send_current_after (self, compute_wait_before_send (self));
}

/* The wait before sending a rate-limited write again: until its reset, or
 * the backoff when the response had no reset ahead. */
static guint
compute_retry_wait (RosterWriteScheduler *self,
                    WriteData            *data,
                    SoupMessage          *message)
{
  gint64 reset = message != NULL ? roster_client_get_rate_limit_reset (message) : 0;
  guint wait_ms;

  if (reset > 0 && reset * 1000 > g_get_real_time () / 1000)
    return compute_wait_for_reset (reset);

  wait_ms = data->backoff_ms;
  data->backoff_ms = MIN (data->backoff_ms * 2, ROSTER_WRITE_SCHEDULER_BACKOFF_MAX_MS);

  return wait_ms;
}

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  RosterClient *client = ROSTER_CLIENT (object);
  g_autoptr(RosterWriteScheduler) self = user_data;
  WriteData *data = g_task_get_task_data (self->current);
  SoupMessage *message = roster_client_send_get_message (client, result);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  body = roster_client_send_finish (client, result, &data->status, &error);
  update_rate_limit (self, message);

  if (data->status == 429)
    self->n_rate_limited++;

  if (data->status == 429 && data->attempts < self->max_attempts)
    {
      guint wait_ms = compute_retry_wait (self, data, message);

      g_debug ("%s %s: HTTP 429, sending again in %u ms (attempt %u of %u), correlation ID %s",
               data->method, data->path_and_query, wait_ms, data->attempts + 1,
               self->max_attempts, data->correlation_id);
      send_current_after (self, wait_ms);
      return;
    }

  task = steal_current (self);
  if (body == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&body), (GDestroyNotify) g_bytes_unref);

  dispatch_next (self);
}

static void
roster_write_scheduler_finalize (GObject *object)
{
  RosterWriteScheduler *self = (RosterWriteScheduler *) object;

  /* Every task holds a reference on the scheduler, so none is left here. */
  g_assert (self->current == NULL);
  g_assert (g_queue_is_empty (&self->pending));

  G_OBJECT_CLASS (roster_write_scheduler_parent_class)->finalize (object);
}

static void
roster_write_scheduler_class_init (RosterWriteSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = roster_write_scheduler_finalize;
}

static void
roster_write_scheduler_init (RosterWriteScheduler *self)
{
  g_queue_init (&self->pending);
  self->limit = -1;
  self->remaining = -1;
  self->max_attempts = ROSTER_WRITE_SCHEDULER_DEFAULT_MAX_ATTEMPTS;
}

RosterWriteScheduler *
roster_write_scheduler_new (void)
{
  return g_object_new (ROSTER_TYPE_WRITE_SCHEDULER, NULL);
}

/**
 * roster_write_scheduler_set_max_attempts:
 * @max_attempts: how often one write is sent at most, 1 or more
 *
 * Sets how often a write that gets 429 is sent before the 429 becomes its
 * result.
 */
void
roster_write_scheduler_set_max_attempts (RosterWriteScheduler *self,
                                         guint                 max_attempts)
{
  g_return_if_fail (ROSTER_IS_WRITE_SCHEDULER (self));
  g_return_if_fail (max_attempts > 0);

  self->max_attempts = max_attempts;
}

/* Returns how many 429 responses the scheduler has seen. */
guint
roster_write_scheduler_get_n_rate_limited (RosterWriteScheduler *self)
{
  g_return_val_if_fail (ROSTER_IS_WRITE_SCHEDULER (self), 0);

  return self->n_rate_limited;
}

/**
 * roster_write_scheduler_send_async:
 * @self: a #RosterWriteScheduler
 * @client: the client that sends the request
 * @method: POST, PUT, PATCH or DELETE
 * @path_and_query: the encoded path, as for roster_client_send_async()
 * @body: (nullable): the JSON body
 * @correlation_id: the X-Correlation-ID of every attempt
 * @stop: (nullable): ends the write while it waits for its turn or for the
 *   rate limit, but lets a request in flight finish
 * @cancellable: (nullable): cancels the wait, or the request in flight
 * @callback: called when the write ended
 * @user_data: data for @callback
 *
 * Queues a write behind the ones before it and sends it when the rate
 * limit allows. A 2xx result returns the body; other statuses return a
 * ROSTER_API_ERROR error, 429 only after the last attempt. A write that
 * @stop or @cancellable ended while it waited returns G_IO_ERROR_CANCELLED
 * with status 0: Auth0 did not process it.
 */
void
roster_write_scheduler_send_async (RosterWriteScheduler *self,
                                   RosterClient         *client,
                                   const char           *method,
                                   const char           *path_and_query,
                                   GBytes               *body,
                                   const char           *correlation_id,
                                   GCancellable         *stop,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  GTask *task;
  WriteData *data;

  g_return_if_fail (ROSTER_IS_WRITE_SCHEDULER (self));
  g_return_if_fail (ROSTER_IS_CLIENT (client));
  g_return_if_fail (method != NULL);
  g_return_if_fail (path_and_query != NULL);
  g_return_if_fail (correlation_id != NULL);
  g_return_if_fail (stop == NULL || G_IS_CANCELLABLE (stop));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_write_scheduler_send_async);
  /* A response that arrived is the result even after a cancellation. */
  g_task_set_check_cancellable (task, FALSE);

  data = g_new0 (WriteData, 1);
  data->client = g_object_ref (client);
  data->method = g_strdup (method);
  data->path_and_query = g_strdup (path_and_query);
  data->body = body != NULL ? g_bytes_ref (body) : NULL;
  data->correlation_id = g_strdup (correlation_id);
  data->stop = stop != NULL ? g_object_ref (stop) : NULL;
  data->backoff_ms = ROSTER_WRITE_SCHEDULER_BACKOFF_FIRST_MS;
  g_task_set_task_data (task, data, write_data_free);

  g_queue_push_tail (&self->pending, task);
  dispatch_next (self);
}

/**
 * roster_write_scheduler_send_finish:
 * @status_out: (out) (optional): the last HTTP status, 0 when no response
 *   arrived
 *
 * Returns: (transfer full) (nullable): the body of a 2xx response
 */
GBytes *
roster_write_scheduler_send_finish (RosterWriteScheduler  *self,
                                    GAsyncResult          *result,
                                    guint                 *status_out,
                                    GError               **error)
{
  WriteData *data;

  g_return_val_if_fail (ROSTER_IS_WRITE_SCHEDULER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (status_out != NULL)
    *status_out = data->status;

  return g_task_propagate_pointer (G_TASK (result), error);
}
