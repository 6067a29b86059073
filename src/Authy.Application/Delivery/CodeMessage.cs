namespace Authy.Application.Delivery;

/// <summary>An e-mail's localized parts.</summary>
public sealed record EmailContent(string Subject, string TextBody, string HtmlBody);

/// <summary>
/// What a message with a code says on each channel, in a resolved locale. Each use case owns its words (a token, a
/// phone verification, a device registration); <see cref="CodeDelivery"/> owns how they travel.
/// </summary>
public abstract class CodeMessage(string code)
{
    /// <summary>The code itself, which a voice call reads digit by digit.</summary>
    public string Code { get; } = code;

    public abstract string Sms(string locale);

    public abstract string Voice(string locale);

    public virtual EmailContent Email(string locale) =>
        throw new NotSupportedException(GetType().Name + " is not sent by e-mail.");
}
