using Authy.Application.Messaging;
using Authy.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Authy.Infrastructure.Messaging.Twilio;

/// <summary>
/// Records Twilio's status callbacks on the outbox row of the message or call (found by its sid). A report never moves
/// a row back: callbacks may arrive out of order, and a final status stays.
/// </summary>
public sealed partial class TwilioStatusCallbacks(AuthyDbContext db, TwilioVoiceCalls calls, TimeProvider time, ILogger<TwilioStatusCallbacks> logger)
{
    /// <summary>Applies one callback's form fields; returns false when no outbox row has that sid.</summary>
    public async Task<bool> ApplyAsync(IReadOnlyDictionary<string, string> form, CancellationToken cancellationToken)
    {
        var callSid = form.GetValueOrDefault("CallSid");
        var sid = form.GetValueOrDefault("MessageSid") ?? form.GetValueOrDefault("SmsSid") ?? callSid;
        if (string.IsNullOrEmpty(sid))
        {
            return false;
        }

        DeliveryStatus? status;
        if (callSid is not null && form.TryGetValue("CallStatus", out var callStatus))
        {
            status = MapCall(callStatus, callStatus == "completed" && await calls.CodeWasReadAsync(callSid, cancellationToken));
        }
        else
        {
            status = MapMessage(form.GetValueOrDefault("MessageStatus") ?? form.GetValueOrDefault("SmsStatus"));
        }

        var row = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.ProviderMessageId == sid)
            .Select(m => new { m.Id, m.DeliveryStatus, m.MaskedDestination })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            LogUnknownSid(logger);
            return false;
        }

        if (status is not { } next || !Advances(row.DeliveryStatus, next))
        {
            return true;
        }

        var errorCode = form.GetValueOrDefault("ErrorCode");
        errorCode = string.IsNullOrEmpty(errorCode) || errorCode.Length > 20 ? null : errorCode;
        var now = time.GetUtcNow();
        // Conditional on the status read above, so two concurrent callbacks cannot move the row backwards.
        await db.OutboxMessages
            .Where(m => m.Id == row.Id && m.DeliveryStatus == row.DeliveryStatus)
            .ExecuteUpdateAsync(
                s => s.SetProperty(m => m.DeliveryStatus, next)
                      .SetProperty(m => m.DeliveryStatusAt, now)
                      .SetProperty(m => m.ProviderErrorCode, m => errorCode ?? m.ProviderErrorCode),
                cancellationToken);
        LogStatus(logger, row.MaskedDestination, next, errorCode ?? "none");
        return true;
    }

    /// <summary>Twilio's <c>MessageStatus</c> as a delivery status; null for one that says nothing new (receiving…).</summary>
    public static DeliveryStatus? MapMessage(string? status) => status switch
    {
        "queued" or "accepted" or "scheduled" or "sending" => DeliveryStatus.Queued,
        "sent" => DeliveryStatus.Sent,
        "delivered" or "read" => DeliveryStatus.Delivered,
        "undelivered" or "canceled" => DeliveryStatus.Undelivered,
        "failed" => DeliveryStatus.Failed,
        _ => null,
    };

    /// <summary>
    /// Twilio's <c>CallStatus</c> as a delivery status. A completed call counts as delivered only when it read the code:
    /// a callee who hung up or pressed the wrong key did not get it.
    /// </summary>
    public static DeliveryStatus? MapCall(string? status, bool codeRead) => status switch
    {
        "queued" or "initiated" => DeliveryStatus.Queued,
        "ringing" or "in-progress" => DeliveryStatus.Sent,
        "completed" => codeRead ? DeliveryStatus.Delivered : DeliveryStatus.Undelivered,
        "busy" or "no-answer" or "canceled" => DeliveryStatus.Undelivered,
        "failed" => DeliveryStatus.Failed,
        _ => null,
    };

    /// <summary>Whether <paramref name="next"/> moves a row on from <paramref name="current"/>.</summary>
    public static bool Advances(DeliveryStatus? current, DeliveryStatus next) => current switch
    {
        null => true,
        DeliveryStatus.Queued or DeliveryStatus.Sent => next > current,
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Twilio reports {Status} for the message to {MaskedDestination} (Twilio error {TwilioCode})")]
    private static partial void LogStatus(ILogger logger, string maskedDestination, DeliveryStatus status, string twilioCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "A Twilio status callback names no outbox message (not yet recorded, or not ours)")]
    private static partial void LogUnknownSid(ILogger logger);
}
