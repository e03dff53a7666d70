/* roster-removal-controller.c: the removal flow of the main window, from
 * the confirmation to the reports. It records each request in the removal
 * history before sending it, shows progress with Cancel for long removals,
 * reports one toast per distinct outcome, and keeps the per-member details
 * of the last removal for the Details window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "roster-compat.h"
#include "roster-error-text.h"
#include "roster-removal-controller.h"
#include "roster-removal-details.h"
#include "roster-removal-outcome.h"
#include "roster-removal-undo.h"
#include "roster-remove-dialog.h"
#include "roster-removed-members.h"

/* Failure toasts carry a reason and what to do, so they stay longer than
 * the 5 s default. */
#define FAILURE_TOAST_TIMEOUT_S 10
#define SUCCESS_TOAST_TIMEOUT_S 5

/* Undo adds members back and restores their roles, which needs these
 * scopes on top of the removal's. */
#define UNDO_SCOPE       "create:organization_members"
#define READ_ROLES_SCOPE "read:organization_member_roles"
#define ROLES_SCOPE      "create:organization_member_roles"

/* The GNOME HIG shows progress only for work that takes more than about
 * 3 s, so quick removals do not flash a progress bar. */
#define PROGRESS_BAR_DELAY_MS 3000

typedef struct _Removal Removal;

struct _RosterRemovalController
{
  GObject               parent_instance;

  GtkWindow            *window;               /* unowned: owns the controller */
  RosterMembersView    *members_view;         /* unowned: a child of window */
  RosterRemovedMembers *removed_members;      /* owned */
  RosterRemovalHistory *history;              /* owned, nullable: created by the first removal */
  RosterClient         *client;               /* owned, nullable: NULL without a tenant */
  GSimpleActionGroup   *actions;              /* owned */

  GtkWidget            *progress_box;         /* owned */
  GtkLabel             *progress_label;       /* unowned: a child of progress_box */
  GtkProgressBar       *progress_bar;         /* unowned: a child of progress_box */
  GtkWidget            *cancel_button;        /* unowned: a child of progress_box */
  GtkWidget            *details_button;       /* unowned: a child of progress_box */
  guint                 progress_timeout_id;

  RosterRemoveDialog   *remove_dialog;        /* unowned, nullable: the dialog on screen */
  GtkWindow            *open_window;          /* unowned, nullable: the Details or History window on screen */
  GCancellable         *dialog_cancellable;   /* owned, nullable: while the dialog shows */
  Removal              *removal;              /* unowned, nullable: the removal running */
  GPtrArray            *details;              /* owned, nullable: RosterRemovalDetail of the last removal */
  char                 *details_organization; /* owned, nullable: the organization of details */
  RosterRemovalUndo    *last_undo;            /* owned, nullable: what Undo restores */
  char                 *last_undo_organization; /* owned, nullable: the display name of its organization */
  GCancellable         *undo_cancellable;     /* owned, nullable: while Undo runs */
};

/* One removal, from the confirmation to the last response. */
struct _Removal
{
  RosterRemovalController *controller;     /* unowned: NULL once the controller shut down */
  GCancellable            *cancellable;    /* owned, nullable: aborts everything at shutdown */
  GCancellable            *stop;           /* owned, nullable: Cancel, before the next request */
  RosterClient            *client;         /* owned */
  RosterOrganization      *organization;   /* owned */
  GStrv                    user_ids;       /* owned */
  GHashTable              *labels;         /* owned: user id → name or email */
  RosterRemovalOutcome    *outcome;        /* owned */
  GPtrArray               *details;        /* owned: RosterRemovalDetail */
  RosterRemovalUndo       *undo;           /* owned: the members removed and their roles */
  GStrv                    roles_unknown;  /* owned: members listed without their roles */
  char                    *undo_unavailable; /* owned, nullable: why Undo is unavailable */
  gboolean                 read_roles;     /* whether the token can read and restore roles */
  guint                    n_done;
  gboolean                 history_failed; /* a history write failed and was logged */
};

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

enum {
  SIGNAL_TOAST,
  SIGNAL_STATUS,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (RosterRemovalController, roster_removal_controller, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
removal_free (Removal *removal)
{
  g_clear_object (&removal->cancellable);
  g_clear_object (&removal->stop);
  g_clear_object (&removal->client);
  g_clear_object (&removal->organization);
  g_clear_pointer (&removal->user_ids, g_strfreev);
  g_clear_pointer (&removal->labels, g_hash_table_unref);
  g_clear_object (&removal->outcome);
  g_clear_pointer (&removal->details, g_ptr_array_unref);
  g_clear_object (&removal->undo);
  g_clear_pointer (&removal->roles_unknown, g_strfreev);
  g_clear_pointer (&removal->undo_unavailable, g_free);
  g_free (removal);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Removal, removal_free)

static const char *
get_member_label (RosterMember *member)
{
  if (roster_member_get_name (member) != NULL)
    return roster_member_get_name (member);

  if (roster_member_get_email (member) != NULL)
    return roster_member_get_email (member);

  return roster_member_get_user_id (member);
}

static Removal *
removal_new (RosterRemovalController *self,
             RosterOrganization      *organization,
             GPtrArray               *members)
{
  Removal *removal = g_new0 (Removal, 1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) roles_unknown = g_strv_builder_new ();

  removal->undo = roster_removal_undo_new (self->client, roster_organization_get_id (organization));
  removal->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < members->len; i++)
    {
      RosterMember *member = g_ptr_array_index (members, i);

      g_strv_builder_add (builder, roster_member_get_user_id (member));
      g_hash_table_replace (removal->labels, g_strdup (roster_member_get_user_id (member)),
                            g_strdup (get_member_label (member)));

      /* A list that included roles saves one request per member. */
      if (roster_member_get_role_ids (member) != NULL)
        roster_removal_undo_set_roles (removal->undo, roster_member_get_user_id (member),
                                       roster_member_get_role_ids (member));
      else
        g_strv_builder_add (roles_unknown, roster_member_get_user_id (member));
    }

  removal->controller = self;
  removal->client = g_object_ref (self->client);
  removal->organization = g_object_ref (organization);
  removal->user_ids = g_strv_builder_end (builder);
  removal->outcome = roster_removal_outcome_new (roster_organization_get_display_name (organization));
  removal->details = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_removal_detail_free);
  removal->roles_unknown = g_strv_builder_end (roles_unknown);

  return removal;
}

static void
set_action_enabled (RosterRemovalController *self,
                    const char              *name,
                    gboolean                 enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* The one place that decides what the progress box shows. */
static void
update_state (RosterRemovalController *self)
{
  gboolean running = self->removal != NULL;
  gboolean has_details = self->details != NULL && self->details->len > 0;
  gboolean undoing = self->undo_cancellable != NULL;

  set_action_enabled (self, "cancel", running);
  set_action_enabled (self, "undo", !running && !undoing && self->last_undo != NULL);
  set_action_enabled (self, "show-details", !running && has_details);

  gtk_widget_set_visible (self->progress_box, running || has_details);
  gtk_widget_set_visible (self->cancel_button, running);
  gtk_widget_set_visible (self->details_button, !running && has_details);
  if (!running)
    gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Shows @text next to the progress bar, one outcome per line, and passes
 * it on to the window's status line. */
static void
emit_status (RosterRemovalController *self,
             const char              *text)
{
  gtk_label_set_text (self->progress_label, text);
  g_signal_emit (self, signals[SIGNAL_STATUS], 0, text);
}

/* @markup: the title, escaped, since toast titles are Pango markup on
 * libadwaita 1.2. */
static void
emit_toast (RosterRemovalController *self,
            const char              *markup,
            guint                    timeout)
{
  g_autoptr(AdwToast) toast = adw_toast_new (markup);

  adw_toast_set_timeout (toast, timeout);
  adw_toast_set_button_label (toast, _("_Details"));
  adw_toast_set_action_name (toast, "removal.show-details");
  g_signal_emit (self, signals[SIGNAL_TOAST], 0, toast);
}

/* The toast of the members removed offers Undo, or explains why it cannot. */
static void
emit_removed_toast (RosterRemovalController *self,
                    Removal                 *removal,
                    RosterRemovalMessage    *message)
{
  g_autoptr(AdwToast) toast = NULL;
  g_autofree char *title = NULL;
  g_autofree char *markup = NULL;

  if (removal->undo_unavailable == NULL)
    {
      toast = adw_toast_new (message->markup);
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "removal.undo");
    }
  else
    {
      /* Translators: "Removed 3 members from Acme (204). Undo needs the
       * create:organization_members scope." */
      title = g_strdup_printf (_("%s. %s."), message->title, removal->undo_unavailable);
      markup = g_markup_escape_text (title, -1);
      toast = adw_toast_new (markup);
      adw_toast_set_button_label (toast, _("_Details"));
      adw_toast_set_action_name (toast, "removal.show-details");
    }

  adw_toast_set_timeout (toast, SUCCESS_TOAST_TIMEOUT_S);
  g_signal_emit (self, signals[SIGNAL_TOAST], 0, toast);
}

/* Reports the members that a Cancel left out, so that every selected
 * member has an outcome. */
static char *
format_not_sent (Removal *removal)
{
  guint n_not_sent = g_strv_length (removal->user_ids) - removal->n_done;

  if (n_not_sent == 0)
    return NULL;

  /* Translators: %u is a count */
  return g_strdup_printf (ngettext ("Cancelled: %u member was not removed",
                                    "Cancelled: %u members were not removed",
                                    n_not_sent),
                          n_not_sent);
}

static void
report_outcome (RosterRemovalController *self,
                Removal                 *removal)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GStrvBuilder) texts = g_strv_builder_new ();
  g_autofree char *not_sent = format_not_sent (removal);
  g_auto(GStrv) lines = NULL;
  g_autofree char *status = NULL;

  messages = roster_removal_outcome_build_messages (removal->outcome, now);

  for (guint i = 0; i < messages->len; i++)
    {
      RosterRemovalMessage *message = g_ptr_array_index (messages, i);

      if (message->removed)
        emit_removed_toast (self, removal, message);
      else
        emit_toast (self, message->markup, FAILURE_TOAST_TIMEOUT_S);
      g_strv_builder_add (texts, message->text);
    }

  if (not_sent != NULL)
    {
      g_autofree char *markup = g_markup_escape_text (not_sent, -1);

      emit_toast (self, markup, SUCCESS_TOAST_TIMEOUT_S);
      g_strv_builder_add (texts, not_sent);
    }

  lines = g_strv_builder_end (texts);
  status = g_strjoinv ("\n", lines);
  emit_status (self, status);
  roster_compat_announce (GTK_WIDGET (self->window), status);
}

/* Members removed by a 204 leave the list at once, and loads during the
 * next minute leave them out while Auth0 still lists them. */
static void
forget_removed_members (RosterRemovalController *self,
                        Removal                 *removal,
                        const char * const      *user_ids)
{
  const char *organization_id = roster_organization_get_id (removal->organization);
  gint64 now = g_get_monotonic_time ();

  for (guint i = 0; user_ids[i] != NULL; i++)
    roster_removed_members_add (self->removed_members, organization_id, user_ids[i], now);

  roster_members_view_remove_members (self->members_view, organization_id, user_ids);
}

/* A history that cannot be written does not stop the removal, because the
 * details and toasts still report every outcome. */
static void
warn_history_failed (Removal      *removal,
                     const GError *error)
{
  if (removal->history_failed)
    return;

  removal->history_failed = TRUE;
  g_warning ("Could not write the removal history %s: %s",
             roster_removal_history_get_path (removal->controller->history), error->message);
}

static void
on_removal_sending (const char * const *user_ids,
                    const char         *correlation_id,
                    gpointer            user_data)
{
  Removal *removal = user_data;
  RosterRemovalController *self = removal->controller;
  g_autoptr(GError) error = NULL;

  if (self == NULL)
    return;

  if (!roster_removal_history_record_sent (self->history,
                                           roster_client_get_base_uri (removal->client),
                                           roster_organization_get_id (removal->organization),
                                           roster_organization_get_display_name (removal->organization),
                                           user_ids, correlation_id, &error))
    warn_history_failed (removal, error);
}

static void
record_answered (Removal                  *removal,
                 const RosterRemovalBatch *batch,
                 GPtrArray                *details)
{
  RosterRemovalHistory *history = removal->controller->history;
  const RosterRemovalDetail *first = g_ptr_array_index (details, 0);
  g_autoptr(GError) error = NULL;

  if (batch->correlation_id == NULL)
    return;

  if (!roster_removal_history_record_answered (history, batch->correlation_id, batch->status,
                                               batch->error != NULL ? first->message : NULL,
                                               &error))
    warn_history_failed (removal, error);
}

static void
show_progress (RosterRemovalController *self,
               Removal                 *removal)
{
  guint n_members = g_strv_length (removal->user_ids);
  g_autofree char *progress = NULL;

  /* Translators: "Removing 120 of 500…": members handled so far, of all;
   * the plural form follows the second number */
  progress = g_strdup_printf (ngettext ("Removing %u of %u…", "Removing %u of %u…", n_members),
                              removal->n_done, n_members);
  emit_status (self, progress);

  gtk_progress_bar_set_fraction (self->progress_bar, (double) removal->n_done / MAX (n_members, 1));
}

static void
on_removal_batch (const RosterRemovalBatch *batch,
                  gpointer                  user_data)
{
  Removal *removal = user_data;
  RosterRemovalController *self = removal->controller;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) details = NULL;

  if (self == NULL)
    return;

  roster_removal_outcome_add_batch (removal->outcome, batch);
  removal->n_done += g_strv_length (batch->user_ids);

  details = roster_removal_details_from_batch (batch, removal->labels, now);
  record_answered (removal, batch, details);
  g_ptr_array_extend_and_steal (removal->details, g_steal_pointer (&details));

  if (batch->error == NULL)
    {
      forget_removed_members (self, removal, (const char * const *) batch->user_ids);
      roster_removal_undo_add_removed (removal->undo, (const char * const *) batch->user_ids);
    }

  show_progress (self, removal);
}

static void
stop_progress_timeout (RosterRemovalController *self)
{
  g_clear_handle_id (&self->progress_timeout_id, g_source_remove);
}

/* Gives the members that a Cancel left out a detail too, so that the
 * Details window accounts for every member. Requests go out in order, so
 * these are the last ones. */
static void
add_not_sent_details (Removal *removal)
{
  for (guint i = removal->n_done; removal->user_ids[i] != NULL; i++)
    {
      RosterRemovalDetail *detail = g_new0 (RosterRemovalDetail, 1);
      const char *label = g_hash_table_lookup (removal->labels, removal->user_ids[i]);

      detail->user_id = g_strdup (removal->user_ids[i]);
      detail->label = g_strdup (label != NULL ? label : removal->user_ids[i]);
      detail->message = g_strdup (_("Not sent: the removal was cancelled before this member’s request"));
      g_ptr_array_add (removal->details, detail);
    }
}

static void
finish_removal (RosterRemovalController *self,
                Removal                 *removal,
                const GError            *error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *reason = NULL;
  GHashTable *failed;

  self->removal = NULL;
  stop_progress_timeout (self);

  if (error == NULL)
    add_not_sent_details (removal);
  g_clear_pointer (&self->details, g_ptr_array_unref);
  self->details = g_ptr_array_ref (removal->details);
  g_free (self->details_organization);
  self->details_organization = g_strdup (roster_organization_get_display_name (removal->organization));

  g_clear_object (&self->last_undo);
  g_clear_pointer (&self->last_undo_organization, g_free);
  if (removal->undo_unavailable == NULL && roster_removal_undo_get_n_removed (removal->undo) > 0)
    {
      self->last_undo = g_object_ref (removal->undo);
      self->last_undo_organization = g_strdup (self->details_organization);
    }

  if (error != NULL)
    {
      g_autofree char *markup = NULL;

      g_debug ("Removing members failed before any request: %s", error->message);
      reason = roster_error_text_describe (error, ROSTER_REMOVAL_SCOPE, now);
      markup = g_markup_escape_text (reason, -1);
      emit_toast (self, markup, FAILURE_TOAST_TIMEOUT_S);
      emit_status (self, reason);
    }
  else
    {
      report_outcome (self, removal);
    }

  /* Members whose request failed stay selected, so trying again is one
   * key press. */
  failed = roster_removal_outcome_get_failed_user_ids (removal->outcome);
  if (g_hash_table_size (failed) > 0)
    roster_members_view_select_members (self->members_view,
                                        roster_organization_get_id (removal->organization),
                                        failed);

  update_state (self);
}

static void
on_members_removed (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(Removal) removal = user_data;
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GError) error = NULL;

  batches = roster_client_remove_members_batched_finish (ROSTER_CLIENT (object), result, &error);
  if (removal->controller == NULL)
    return;

  finish_removal (removal->controller, removal, error);
}

static void
send_removal (Removal *removal)
{
  roster_client_remove_members_batched_full_async (removal->client,
                                                   roster_organization_get_id (removal->organization),
                                                   (const char * const *) removal->user_ids,
                                                   on_removal_sending, on_removal_batch, removal,
                                                   removal->stop, removal->cancellable,
                                                   on_members_removed, removal);
}

static void
on_roles_read (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Removal *removal = user_data;

  roster_removal_undo_read_roles_finish (ROSTER_REMOVAL_UNDO (object), result);
  if (removal->controller == NULL)
    {
      removal_free (removal);
      return;
    }

  send_removal (removal);
}

/* Decides from the token's scopes whether Undo can add the members back
 * and restore their roles. A token that does not decode, such as an
 * opaque one, gets Undo, and Auth0 decides when it runs. */
static void
decide_undo (Removal    *removal,
             const char *token)
{
  g_autoptr(RosterJwtClaims) claims = NULL;

  claims = token != NULL ? roster_jwt_decode (token, NULL) : NULL;
  if (claims == NULL)
    return;

  if (!roster_jwt_claims_has_scope (claims, UNDO_SCOPE))
    {
      /* Translators: %s is a scope name, such as create:organization_members */
      removal->undo_unavailable = g_strdup_printf (_("Undo needs the %s scope"), UNDO_SCOPE);
      return;
    }

  /* NOTE: without these two scopes Undo adds the members back without
   * their roles. */
  removal->read_roles = roster_jwt_claims_has_scope (claims, READ_ROLES_SCOPE) &&
                        roster_jwt_claims_has_scope (claims, ROLES_SCOPE);
}

static void
on_token_for_undo (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Removal *removal = user_data;
  g_autoptr(GError) error = NULL;
  char *token;

  token = roster_client_get_access_token_finish (ROSTER_CLIENT (object), result, &error);
  decide_undo (removal, token);
  roster_client_free_token (token);

  if (removal->controller == NULL)
    {
      removal_free (removal);
      return;
    }

  /* The roles are read before the removal, because Auth0 cannot list them
   * once the member is gone.
   * NOTE: one request per member, which Auth0 limits like other member
   * role requests, so a list loaded without roles slows a large removal. */
  if (removal->read_roles && removal->roles_unknown[0] != NULL)
    {
      emit_status (removal->controller, _("Reading the members’ roles for Undo…"));
      roster_removal_undo_read_roles_async (removal->undo, (const char * const *) removal->roles_unknown,
                                            removal->cancellable, on_roles_read, removal);
      return;
    }

  send_removal (removal);
}

static gboolean
on_progress_timeout (gpointer user_data)
{
  RosterRemovalController *self = user_data;

  self->progress_timeout_id = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);

  return G_SOURCE_REMOVE;
}

static void
start_removal (RosterRemovalController *self,
               Removal                 *removal)
{
  guint n_members = g_strv_length (removal->user_ids);
  g_autofree char *progress = NULL;

  if (self->history == NULL)
    self->history = roster_removal_history_new (NULL);

  removal->cancellable = g_cancellable_new ();
  removal->stop = g_cancellable_new ();
  self->removal = removal;

  progress = g_strdup_printf (ngettext ("Removing %u member…", "Removing %u members…", n_members),
                              n_members);
  emit_status (self, progress);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  self->progress_timeout_id = g_timeout_add (PROGRESS_BAR_DELAY_MS, on_progress_timeout, self);
  update_state (self);

  roster_client_get_access_token_async (removal->client, removal->cancellable,
                                        on_token_for_undo, removal);
}

static void
on_remove_dialog_chosen (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(Removal) removal = user_data;
  RosterRemovalController *self;
  g_autoptr(GError) error = NULL;
  gboolean confirmed;

  confirmed = roster_remove_dialog_choose_finish (ROSTER_REMOVE_DIALOG (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = removal->controller;
  g_clear_weak_pointer (&self->remove_dialog);
  g_clear_object (&self->dialog_cancellable);

  if (confirmed)
    start_removal (self, g_steal_pointer (&removal));
  else
    update_state (self);
}

static void
show_window (RosterRemovalController *self,
             GtkWindow               *window)
{
  gtk_window_set_destroy_with_parent (window, TRUE);
  g_set_weak_pointer (&self->open_window, window);
  gtk_window_present (window);
}

static void
cancel_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  RosterRemovalController *self = user_data;

  if (self->removal == NULL)
    return;

  g_cancellable_cancel (self->removal->stop);
  /* Translators: shown until the request in flight returns */
  emit_status (self, _("Cancelling after the current request…"));
}

static void
on_undo_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RosterRemovalController) self = user_data;
  RosterRemovalUndo *undo = ROSTER_REMOVAL_UNDO (object);
  const char *organization_id = roster_removal_undo_get_organization_id (undo);
  RosterOrganization *shown = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) restored = NULL;
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;
  guint n_restored;

  restored = roster_removal_undo_run_finish (undo, result, &error);
  if (self->undo_cancellable == NULL || g_cancellable_is_cancelled (self->undo_cancellable))
    return;

  g_clear_object (&self->undo_cancellable);
  n_restored = g_strv_length (restored);
  for (guint i = 0; restored[i] != NULL; i++)
    roster_removed_members_forget (self->removed_members, organization_id, restored[i]);

  shown = roster_members_view_get_organization (self->members_view);
  if (shown != NULL && g_strcmp0 (roster_organization_get_id (shown), organization_id) == 0)
    roster_members_view_reload (self->members_view);

  if (error == NULL)
    /* Translators: %u is a count, %s an organization's display name */
    text = g_strdup_printf (ngettext ("Restored %u member to %s", "Restored %u members to %s", n_restored),
                            n_restored, self->last_undo_organization);
  else
    {
      g_autofree char *reason = roster_error_text_summarize (error, UNDO_SCOPE, now);

      /* Translators: %u is a count, %s the reason of the first failure */
      text = g_strdup_printf (ngettext ("Undo restored %u member, then failed: %s",
                                        "Undo restored %u members, then failed: %s", n_restored),
                              n_restored, reason);
    }

  g_clear_object (&self->last_undo);
  markup = g_markup_escape_text (text, -1);
  emit_toast (self, markup, error == NULL ? SUCCESS_TOAST_TIMEOUT_S : FAILURE_TOAST_TIMEOUT_S);
  emit_status (self, text);
  roster_compat_announce (GTK_WIDGET (self->window), text);
  update_state (self);
}

static void
undo_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  RosterRemovalController *self = user_data;
  guint n_members;
  g_autofree char *progress = NULL;

  if (self->last_undo == NULL || roster_removal_controller_is_busy (self))
    return;

  n_members = roster_removal_undo_get_n_removed (self->last_undo);
  /* Translators: %u is a count */
  progress = g_strdup_printf (ngettext ("Restoring %u member…", "Restoring %u members…", n_members),
                              n_members);
  emit_status (self, progress);

  self->undo_cancellable = g_cancellable_new ();
  update_state (self);
  roster_removal_undo_run_async (self->last_undo, self->undo_cancellable, on_undo_done,
                                 g_object_ref (self));
}

static void
show_details_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  RosterRemovalController *self = user_data;

  if (self->details == NULL)
    return;

  show_window (self, roster_removal_details_window_new (self->window, self->details_organization,
                                                        self->details));
}

static void
show_history_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  RosterRemovalController *self = user_data;

  if (self->history == NULL)
    self->history = roster_removal_history_new (NULL);

  show_window (self, roster_history_window_new (self->window, self->history));
}

static GtkWidget *
new_button (const char *label,
            const char *action_name)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);

  return button;
}

/* Builds a row of its own: the count, the progress bar, Cancel while a
 * removal runs, Details after it. */
static void
build_progress_box (RosterRemovalController *self)
{
  self->progress_box = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12));
  gtk_widget_add_css_class (self->progress_box, "toolbar");

  self->progress_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->progress_label, 0.0);
  gtk_label_set_wrap (self->progress_label, TRUE);
  gtk_label_set_wrap_mode (self->progress_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (self->progress_label, TRUE);
  gtk_widget_set_margin_start (GTK_WIDGET (self->progress_label), 6);
  gtk_widget_set_hexpand (GTK_WIDGET (self->progress_label), TRUE);
  gtk_box_append (GTK_BOX (self->progress_box), GTK_WIDGET (self->progress_label));

  self->progress_bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->progress_bar), GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (GTK_WIDGET (self->progress_bar), 200, -1);
  gtk_box_append (GTK_BOX (self->progress_box), GTK_WIDGET (self->progress_bar));

  self->cancel_button = new_button (_("_Cancel"), "removal.cancel");
  gtk_widget_set_tooltip_text (self->cancel_button, _("Stop before the next request"));
  gtk_box_append (GTK_BOX (self->progress_box), self->cancel_button);

  self->details_button = new_button (_("_Details"), "removal.show-details");
  gtk_widget_set_tooltip_text (self->details_button, _("Show what happened to each member"));
  gtk_box_append (GTK_BOX (self->progress_box), self->details_button);
}

static void
roster_removal_controller_dispose (GObject *object)
{
  RosterRemovalController *self = (RosterRemovalController *) object;

  roster_removal_controller_shut_down (self);

  G_OBJECT_CLASS (roster_removal_controller_parent_class)->dispose (object);
}

static void
roster_removal_controller_finalize (GObject *object)
{
  RosterRemovalController *self = (RosterRemovalController *) object;

  g_clear_object (&self->removed_members);
  g_clear_object (&self->history);
  g_clear_object (&self->client);
  g_clear_object (&self->actions);
  g_clear_object (&self->progress_box);
  g_clear_pointer (&self->details, g_ptr_array_unref);
  g_clear_pointer (&self->details_organization, g_free);
  g_clear_object (&self->last_undo);
  g_clear_pointer (&self->last_undo_organization, g_free);

  G_OBJECT_CLASS (roster_removal_controller_parent_class)->finalize (object);
}

static void
roster_removal_controller_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  RosterRemovalController *self = ROSTER_REMOVAL_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, roster_removal_controller_is_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_removal_controller_class_init (RosterRemovalControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = roster_removal_controller_dispose;
  object_class->finalize = roster_removal_controller_finalize;
  object_class->get_property = roster_removal_controller_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted with an AdwToast for the window's toast overlay. */
  signals[SIGNAL_TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  /* Emitted with plain text for the status line: progress, then outcome. */
  signals[SIGNAL_STATUS] =
    g_signal_new ("status", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
roster_removal_controller_init (RosterRemovalController *self)
{
  static const GActionEntry entries[] = {
    { "cancel", cancel_activated, NULL, NULL, NULL, { 0 } },
    { "show-details", show_details_activated, NULL, NULL, NULL, { 0 } },
    { "show-history", show_history_activated, NULL, NULL, NULL, { 0 } },
    { "undo", undo_activated, NULL, NULL, NULL, { 0 } },
  };

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries, G_N_ELEMENTS (entries), self);

  build_progress_box (self);
  update_state (self);
}

/**
 * roster_removal_controller_new:
 * @window: the window that owns the controller and parents its dialogs
 * @members_view: the members the removals act on
 * @removed_members: the removals to hide from member lists for a while
 */
RosterRemovalController *
roster_removal_controller_new (GtkWindow            *window,
                               RosterMembersView    *members_view,
                               RosterRemovedMembers *removed_members)
{
  RosterRemovalController *self;

  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);
  g_return_val_if_fail (ROSTER_IS_MEMBERS_VIEW (members_view), NULL);
  g_return_val_if_fail (ROSTER_IS_REMOVED_MEMBERS (removed_members), NULL);

  self = g_object_new (ROSTER_TYPE_REMOVAL_CONTROLLER, NULL);
  self->window = window;
  self->members_view = members_view;
  self->removed_members = g_object_ref (removed_members);

  return self;
}

/* Sets the tenant of the next removal. A removal running goes on with
 * the client it started with. */
void
roster_removal_controller_set_client (RosterRemovalController *self,
                                      RosterClient            *client)
{
  g_return_if_fail (ROSTER_IS_REMOVAL_CONTROLLER (self));
  g_return_if_fail (client == NULL || ROSTER_IS_CLIENT (client));

  g_set_object (&self->client, client);
}

/* Replaces the history in the state directory, for tests. */
void
roster_removal_controller_set_history (RosterRemovalController *self,
                                       RosterRemovalHistory    *history)
{
  g_return_if_fail (ROSTER_IS_REMOVAL_CONTROLLER (self));
  g_return_if_fail (ROSTER_IS_REMOVAL_HISTORY (history));

  g_set_object (&self->history, history);
}

/**
 * roster_removal_controller_get_action_group:
 *
 * Returns: (transfer none): the actions "cancel", "show-details",
 *   "show-history" and "undo", for the window to insert as "removal"
 */
GActionGroup *
roster_removal_controller_get_action_group (RosterRemovalController *self)
{
  g_return_val_if_fail (ROSTER_IS_REMOVAL_CONTROLLER (self), NULL);

  return G_ACTION_GROUP (self->actions);
}

/**
 * roster_removal_controller_get_progress_widget:
 *
 * Returns: (transfer none): a row with the progress and Cancel while a
 *   removal runs, and the outcome with Details after it, for the window to
 *   place above its action bar
 */
GtkWidget *
roster_removal_controller_get_progress_widget (RosterRemovalController *self)
{
  g_return_val_if_fail (ROSTER_IS_REMOVAL_CONTROLLER (self), NULL);

  return self->progress_box;
}

/* Returns whether the confirmation shows, a removal runs or Undo runs. */
gboolean
roster_removal_controller_is_busy (RosterRemovalController *self)
{
  g_return_val_if_fail (ROSTER_IS_REMOVAL_CONTROLLER (self), FALSE);

  return self->dialog_cancellable != NULL || self->removal != NULL || self->undo_cancellable != NULL;
}

/* Returns whether a removal runs. */
gboolean
roster_removal_controller_is_running (RosterRemovalController *self)
{
  g_return_val_if_fail (ROSTER_IS_REMOVAL_CONTROLLER (self), FALSE);

  return self->removal != NULL;
}

/**
 * roster_removal_controller_ask:
 *
 * Asks to confirm the removal of the selected members, and removes them
 * once the user confirms.
 */
void
roster_removal_controller_ask (RosterRemovalController *self)
{
  RosterOrganization *organization;
  g_autoptr(GPtrArray) members = NULL;
  RosterRemoveDialog *dialog;
  Removal *removal;

  g_return_if_fail (ROSTER_IS_REMOVAL_CONTROLLER (self));

  organization = roster_members_view_get_organization (self->members_view);
  members = roster_members_view_dup_selected_members (self->members_view);
  if (organization == NULL || members->len == 0 || self->client == NULL ||
      roster_removal_controller_is_busy (self))
    return;

  removal = removal_new (self, organization, members);
  dialog = roster_remove_dialog_new (self->window,
                                     roster_organization_get_display_name (organization),
                                     members);
  roster_remove_dialog_set_n_hidden (dialog, roster_members_view_get_n_hidden_selected (self->members_view));
  g_set_weak_pointer (&self->remove_dialog, dialog);
  self->dialog_cancellable = g_cancellable_new ();
  update_state (self);

  roster_remove_dialog_choose_async (dialog, self->dialog_cancellable,
                                     on_remove_dialog_chosen, removal);
}

/* Closes the confirmation on screen, which counts as Cancel. */
void
roster_removal_controller_close_dialog (RosterRemovalController *self)
{
  g_return_if_fail (ROSTER_IS_REMOVAL_CONTROLLER (self));

  if (self->remove_dialog != NULL)
    gtk_window_close (GTK_WINDOW (self->remove_dialog));
}

/**
 * roster_removal_controller_shut_down:
 *
 * Cancels the confirmation and aborts a removal running, for a window
 * that closes. Their callbacks then leave the controller alone.
 */
void
roster_removal_controller_shut_down (RosterRemovalController *self)
{
  g_return_if_fail (ROSTER_IS_REMOVAL_CONTROLLER (self));

  g_cancellable_cancel (self->dialog_cancellable);
  g_clear_object (&self->dialog_cancellable);
  g_clear_weak_pointer (&self->remove_dialog);
  g_clear_weak_pointer (&self->open_window);
  stop_progress_timeout (self);
  g_cancellable_cancel (self->undo_cancellable);
  g_clear_object (&self->undo_cancellable);

  if (self->removal != NULL)
    {
      self->removal->controller = NULL;
      g_cancellable_cancel (self->removal->cancellable);
      self->removal = NULL;
    }
}

/* Test accessor. Returns: (transfer none) (nullable): the confirmation on
 * screen */
AdwMessageDialog *
roster_removal_controller_get_dialog (RosterRemovalController *self)
{
  g_return_val_if_fail (ROSTER_IS_REMOVAL_CONTROLLER (self), NULL);

  return self->remove_dialog != NULL ? ADW_MESSAGE_DIALOG (self->remove_dialog) : NULL;
}

/* Test accessor. Returns: (transfer none) (nullable) (element-type
 * RosterRemovalDetail): the details of the last removal */
GPtrArray *
roster_removal_controller_get_details (RosterRemovalController *self)
{
  g_return_val_if_fail (ROSTER_IS_REMOVAL_CONTROLLER (self), NULL);

  return self->details;
}

/* Test accessor. Returns: (transfer none) (nullable): the Details or
 * History window on screen */
GtkWindow *
roster_removal_controller_get_open_window (RosterRemovalController *self)
{
  g_return_val_if_fail (ROSTER_IS_REMOVAL_CONTROLLER (self), NULL);

  return self->open_window;
}
