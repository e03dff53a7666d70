/* roster-remove-dialog.c: the confirmation dialog shown before members are
 * removed from an organization.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "roster-api.h"
#include "roster-remove-dialog.h"

/* How many members the body names before "and N more". */
#define N_NAMED_MEMBERS 3

struct _RosterRemoveDialog
{
  AdwMessageDialog  parent_instance;

  GTask            *task;                 /* owned, nullable: the pending choice */
  gulong            cancelled_handler_id;
};

G_DEFINE_FINAL_TYPE (RosterRemoveDialog, roster_remove_dialog, ADW_TYPE_MESSAGE_DIALOG)

static char *
format_heading (const char *organization_name,
                guint       n_members)
{
  if (n_members == 1)
    /* Translators: %s is an organization's display name */
    return g_strdup_printf (_("Remove Member from %s?"), organization_name);

  /* Translators: %u is a count, %s an organization's display name */
  return g_strdup_printf (ngettext ("Remove %u Member from %s?",
                                    "Remove %u Members from %s?",
                                    n_members),
                          n_members, organization_name);
}

static const char *
get_label (GPtrArray *members,
           guint      index)
{
  return roster_member_get_label (g_ptr_array_index (members, index));
}

/* Names the first N_NAMED_MEMBERS members and counts the rest. */
static char *
format_names (GPtrArray *members)
{
  switch (members->len)
    {
    case 1:
      return g_strdup (get_label (members, 0));

    case 2:
      /* Translators: two members' names */
      return g_strdup_printf (_("%s and %s"), get_label (members, 0), get_label (members, 1));

    case 3:
      /* Translators: three members' names */
      return g_strdup_printf (_("%s, %s and %s"),
                              get_label (members, 0), get_label (members, 1),
                              get_label (members, 2));

    default:
      /* Translators: three members' names, then how many others there are */
      return g_strdup_printf (ngettext ("%s, %s, %s and %u more",
                                        "%s, %s, %s and %u more",
                                        members->len - N_NAMED_MEMBERS),
                              get_label (members, 0), get_label (members, 1),
                              get_label (members, 2), members->len - N_NAMED_MEMBERS);
    }
}

static char *
format_body (const char *organization_name,
             GPtrArray  *members)
{
  g_autofree char *names = format_names (members);
  g_autofree char *consequence = NULL;

  /* Translators: %s is an organization's display name */
  consequence = g_strdup_printf (ngettext ("They lose access to %s. Their user account stays.",
                                           "They lose access to %s. Their user accounts stay.",
                                           members->len),
                                 organization_name);

  return g_strdup_printf ("%s\n\n%s", names, consequence);
}

static void
complete (RosterRemoveDialog *self,
          const char         *response)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  GCancellable *cancellable;

  if (task == NULL)
    return;

  cancellable = g_task_get_cancellable (task);
  g_clear_signal_handler (&self->cancelled_handler_id, cancellable);

  if (response == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             "The dialog closed without a response");
  else if (!g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, g_str_equal (response, ROSTER_REMOVE_DIALOG_RESPONSE_REMOVE));
}

static void
on_response (RosterRemoveDialog *self,
             const char         *response)
{
  complete (self, response);
}

/* Closing emits the close response, which completes the task as
 * cancelled because the cancellable is now cancelled. */
static void
on_cancelled (GCancellable       *cancellable,
              RosterRemoveDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
roster_remove_dialog_dispose (GObject *object)
{
  RosterRemoveDialog *self = (RosterRemoveDialog *) object;

  /* Destroyed with its parent before a response: the caller still gets
   * its callback. */
  complete (self, NULL);

  G_OBJECT_CLASS (roster_remove_dialog_parent_class)->dispose (object);
}

static void
roster_remove_dialog_class_init (RosterRemoveDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = roster_remove_dialog_dispose;
}

static void
roster_remove_dialog_init (RosterRemoveDialog *self)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);

  adw_message_dialog_add_responses (dialog,
                                    ROSTER_REMOVE_DIALOG_RESPONSE_CANCEL, _("_Cancel"),
                                    /* Translators: a button that removes members from an organization */
                                    ROSTER_REMOVE_DIALOG_RESPONSE_REMOVE, C_("members", "_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, ROSTER_REMOVE_DIALOG_RESPONSE_REMOVE,
                                              ADW_RESPONSE_DESTRUCTIVE);

  /* Return activates the default response, which must never remove. */
  adw_message_dialog_set_default_response (dialog, ROSTER_REMOVE_DIALOG_RESPONSE_CANCEL);
  adw_message_dialog_set_close_response (dialog, ROSTER_REMOVE_DIALOG_RESPONSE_CANCEL);

  g_signal_connect (self, "response", G_CALLBACK (on_response), NULL);
}

/**
 * roster_remove_dialog_new:
 * @parent: the window the dialog is modal to
 * @organization_name: the organization's display name, not markup
 * @members: (element-type RosterMember): the members to remove, at least one
 *
 * Creates a confirmation dialog for removing @members that names the first
 * three of them. Show it with roster_remove_dialog_choose_async().
 */
RosterRemoveDialog *
roster_remove_dialog_new (GtkWindow  *parent,
                          const char *organization_name,
                          GPtrArray  *members)
{
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (organization_name != NULL, NULL);
  g_return_val_if_fail (members != NULL && members->len > 0, NULL);

  heading = format_heading (organization_name, members->len);
  body = format_body (organization_name, members);

  return g_object_new (ROSTER_TYPE_REMOVE_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "destroy-with-parent", TRUE,
                       "heading", heading,
                       "body", body,
                       NULL);
}

/**
 * roster_remove_dialog_choose_async:
 * @cancellable: (nullable): cancelling closes the dialog
 *
 * Presents the dialog and waits for a response. The dialog closes itself
 * when the person picks a response.
 */
void
roster_remove_dialog_choose_async (RosterRemoveDialog  *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ROSTER_IS_REMOVE_DIALOG (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (self->task == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_remove_dialog_choose_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (cancellable != NULL)
    self->cancelled_handler_id = g_signal_connect_object (cancellable, "cancelled",
                                                          G_CALLBACK (on_cancelled), self, 0);

  self->task = g_steal_pointer (&task);
  gtk_window_present (GTK_WINDOW (self));
}

/**
 * roster_remove_dialog_choose_finish:
 *
 * Returns: %TRUE when the person chose Remove, %FALSE for Cancel, Escape or
 *   closing the dialog, and %FALSE with G_IO_ERROR_CANCELLED when the
 *   dialog went away because the cancellable was cancelled
 */
gboolean
roster_remove_dialog_choose_finish (RosterRemoveDialog  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (ROSTER_IS_REMOVE_DIALOG (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == roster_remove_dialog_choose_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * roster_remove_dialog_set_n_hidden:
 * @n_hidden: how many of the members a search hides from the list
 *
 * Adds a sentence saying how many of the members to remove the list does
 * not show, so that members hidden by a search are not removed unnoticed.
 */
void
roster_remove_dialog_set_n_hidden (RosterRemoveDialog *self,
                                   guint               n_hidden)
{
  g_autofree char *body = NULL;
  g_autofree char *note = NULL;

  g_return_if_fail (ROSTER_IS_REMOVE_DIALOG (self));

  if (n_hidden == 0)
    return;

  /* Translators: %u is how many of the members to remove the search hides */
  note = g_strdup_printf (ngettext ("The search hides %u of them.",
                                    "The search hides %u of them.",
                                    n_hidden),
                          n_hidden);
  body = g_strdup_printf ("%s\n\n%s", adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (self)), note);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
}
