/* roster-write-scheduler.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "roster-client.h"

G_BEGIN_DECLS

/* How often one write is sent before its last 429 is returned as the
 * result. */
#define ROSTER_WRITE_SCHEDULER_DEFAULT_MAX_ATTEMPTS 5

/* The first and the longest wait after a 429 without x-ratelimit-reset, in
 * milliseconds. The wait doubles after each such 429. */
#define ROSTER_WRITE_SCHEDULER_BACKOFF_FIRST_MS 1000
#define ROSTER_WRITE_SCHEDULER_BACKOFF_MAX_MS   32000

/* The maximum wait for a reset, in milliseconds. Auth0 refills its buckets
 * per second or per minute, so a reset further ahead means that the clocks
 * differ. */
#define ROSTER_WRITE_SCHEDULER_MAX_WAIT_MS 60000

/* NOTE: one scheduler keeps one rate-limit state for every write of a
 * client. Auth0 limits member writes and member role writes in separate
 * buckets, so a role write after member writes may wait for the member
 * bucket without need. */
#define ROSTER_TYPE_WRITE_SCHEDULER (roster_write_scheduler_get_type ())

G_DECLARE_FINAL_TYPE (RosterWriteScheduler, roster_write_scheduler, ROSTER, WRITE_SCHEDULER, GObject)

RosterWriteScheduler *roster_write_scheduler_new               (void);
void                  roster_write_scheduler_set_max_attempts  (RosterWriteScheduler  *self,
                                                                guint                  max_attempts);
guint                 roster_write_scheduler_get_n_rate_limited (RosterWriteScheduler *self);
void                  roster_write_scheduler_send_async        (RosterWriteScheduler  *self,
                                                                RosterClient          *client,
                                                                const char            *method,
                                                                const char            *path_and_query,
                                                                GBytes                *body,
                                                                const char            *correlation_id,
                                                                GCancellable          *stop,
                                                                GCancellable          *cancellable,
                                                                GAsyncReadyCallback    callback,
                                                                gpointer               user_data);
GBytes               *roster_write_scheduler_send_finish       (RosterWriteScheduler  *self,
                                                                GAsyncResult          *result,
                                                                guint                 *status_out,
                                                                GError               **error);

/* Returns the scheduler that sends every write of @client, created on
 * first use and owned by @client. Defined in roster-client.c. */
RosterWriteScheduler *roster_client_get_write_scheduler        (RosterClient          *client);

G_END_DECLS
