using System.Text.Json.Nodes;
using Authy.Application.Abstractions;
using Authy.Application.Apps;
using Authy.Application.Outcomes;
using Authy.Application.Tokens;
using Authy.Application.Users;
using Authy.Application.Webhooks;

namespace Authy.Application.Activities;

public sealed record RegisterActivityCommand(string? Type, string? UserIp, string? DataJson);

/// <summary>
/// users/{id}/register_activity: records what the application reports. <c>banned</c> stops codes and verifies for
/// the user in this application until <c>unbanned</c>.
/// </summary>
public sealed class RegisterActivity(IAuthyDb db, WebhookEvents webhooks, IMemberChanges memberChanges, TimeProvider time)
{
    public static IReadOnlyList<string> Types { get; } = ["password_reset", "banned", "unbanned", "cookie_login"];

    public async Task<Outcome<bool>> ExecuteAsync(AuthenticatedApp app, long authyId, RegisterActivityCommand command, CancellationToken cancellationToken)
    {
        var type = command.Type?.Trim();
        if (string.IsNullOrEmpty(type))
        {
            return Failures.Missing("Type");
        }

        if (!Types.Contains(type))
        {
            return Failures.Invalid("Type", "must be one of " + string.Join(", ", Types));
        }

        var member = await db.FindMemberAsync(app.Id, authyId, cancellationToken);
        if (member is null)
        {
            return Failures.UserNotFound;
        }

        if (type == "banned" && member.Status != AppUserStatus.Banned)
        {
            await webhooks.RaiseAsync(
                app.Id,
                WebhookEventNames.SuspendedAccount,
                authyId,
                new JsonObject { ["activity"] = new JsonObject { ["s_type"] = type } },
                cancellationToken);
        }

        var status = member.Status;
        member.Status = type switch
        {
            "banned" => AppUserStatus.Banned,
            "unbanned" => AppUserStatus.Active,
            _ => member.Status,
        };
        db.Activities.Add(new Activity
        {
            AppId = app.Id,
            UserId = authyId,
            Type = type,
            UserIp = Truncate(command.UserIp, 64),
            Data = command.DataJson,
            CreatedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        if (member.Status != status)
        {
            await memberChanges.PublishAsync(app.Id, authyId, cancellationToken); // verify's caches hold the status
        }

        return true;
    }

    private static string? Truncate(string? value, int length) =>
        value is null || value.Length <= length ? value : value[..length];
}
