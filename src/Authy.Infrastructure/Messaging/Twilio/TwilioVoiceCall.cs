namespace Authy.Infrastructure.Messaging.Twilio;

/// <summary>
/// One call placed through Twilio, from the moment it is placed until it reads its code or expires (table
/// <c>voice_calls</c>). The outbox hands the sender only the message, so the call keeps its own state here for the
/// requests Twilio makes while the call is up. See ADR 0014.
/// </summary>
public sealed class TwilioVoiceCall
{
    public Guid Id { get; set; }

    /// <summary>SHA-256 of the random token in the call's TwiML URLs; the token itself is never stored.</summary>
    public required byte[] TokenHash { get; set; }

    /// <summary>The <c>VoiceMessage</c> as JSON, encrypted under <c>SecretPurposes.TwilioVoiceCall</c>: it carries the code and the number.</summary>
    public required byte[] EncryptedMessage { get; set; }

    /// <summary>The key the callee must press, 1–9, drawn per call.</summary>
    public int ExpectedDigit { get; set; }

    /// <summary>Twilio's <c>CA…</c> sid, once the call was created.</summary>
    public string? CallSid { get; set; }

    public TwilioCallState State { get; set; }

    /// <summary>Keys received for this call (at most one is honoured).</summary>
    public int Attempts { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>After this, the call's URLs only hang up.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When the code was read (the right key was pressed).</summary>
    public DateTimeOffset? CodeReadAt { get; set; }
}

public enum TwilioCallState
{
    /// <summary>Placed; waiting for the callee's key.</summary>
    Waiting = 0,

    /// <summary>The right key was pressed and the code was read. Final.</summary>
    CodeRead = 1,

    /// <summary>A wrong key was pressed: the call hung up without the code. Final.</summary>
    Refused = 2,
}
