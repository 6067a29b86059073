using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Authy.Application.Abstractions;
using Authy.Application.Messaging;
using Authy.Application.Messaging.Templates;
using Authy.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Twilio.TwiML;
using Gather = Twilio.TwiML.Voice.Gather;
using HttpMethod = Twilio.Http.HttpMethod;
using Say = Twilio.TwiML.Voice.Say;

namespace Authy.Infrastructure.Messaging.Twilio;

/// <summary>
/// The state and the TwiML of Twilio calls. A call first asks the callee to press one random key (1–9); only that key
/// makes it read the code, so an answering machine or a voicemail greeting gets nothing. A wrong key, or none, hangs up,
/// and the call cannot be asked again. Requests reaching this class have passed the signature check.
/// </summary>
public sealed class TwilioVoiceCalls(AuthyDbContext db, ISecretProtector protector, TimeProvider time, TwilioOptions options)
{
    private const string EnglishFallbackReadout = "Your verification code is {0}. I repeat: {0}.";

    /// <summary>Stores a new call for <paramref name="message"/>; returns its id and the token for its URLs.</summary>
    public async Task<(Guid Id, string Token)> CreateAsync(VoiceMessage message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var call = new TwilioVoiceCall
        {
            Id = Guid.CreateVersion7(now),
            TokenHash = Hash(token),
            EncryptedMessage = protector.Protect(OutboxPayloads.Serialize(message), SecretPurposes.TwilioVoiceCall),
            ExpectedDigit = RandomNumberGenerator.GetInt32(1, 10),
            State = TwilioCallState.Waiting,
            CreatedAt = now,
            ExpiresAt = now.AddSeconds(options.CallLifetimeSeconds),
        };
        db.Add(call);
        await db.SaveChangesAsync(cancellationToken);
        return (call.Id, token);
    }

    public Task SetCallSidAsync(Guid id, string callSid, CancellationToken cancellationToken) =>
        db.Set<TwilioVoiceCall>().Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.CallSid, callSid), cancellationToken);

    /// <summary>Forgets a call Twilio refused to place.</summary>
    public Task DeleteAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<TwilioVoiceCall>().Where(c => c.Id == id).ExecuteDeleteAsync(cancellationToken);

    /// <summary>The TwiML when the callee answers: the key prompt in a one-key <c>&lt;Gather&gt;</c>, then hang up.</summary>
    public async Task<string> AnswerAsync(string? token, CancellationToken cancellationToken)
    {
        var call = await FindWaitingAsync(token, cancellationToken);
        if (call is null)
        {
            return HangUp();
        }

        var message = Read(call);
        var voice = TwilioVoices.For(message.Locale);
        var prompt = MessageTemplates.VoicePrompt(voice.IsFallback ? Locales.Default : message.Locale, call.ExpectedDigit);
        // No key within the timeout falls through to the Hangup after the Gather: the code is never read.
        var gather = new Gather(
            input: [Gather.InputEnum.Dtmf],
            numDigits: 1,
            timeout: 8,
            action: new Uri(TwilioUrls.Gather(options, token!)),
            method: HttpMethod.Post);
        gather.Append(Say(voice, prompt)).Pause(length: 1).Append(Say(voice, prompt));
        return Render(new VoiceResponse().Append(gather).Hangup());
    }

    /// <summary>
    /// The TwiML after the callee pressed <paramref name="digits"/>: the code, digit by digit and repeated, for the right
    /// key; a hang-up otherwise. Either way the call is spent, so a replayed request cannot hear the code again.
    /// </summary>
    public async Task<string> GatherAsync(string? token, string? digits, CancellationToken cancellationToken)
    {
        var call = await FindWaitingAsync(token, cancellationToken);
        if (call is null)
        {
            return HangUp();
        }

        var right = digits is { Length: 1 } && digits[0] == (char)('0' + call.ExpectedDigit);
        var now = time.GetUtcNow();
        // Compare-and-set on the state: of two concurrent requests for the same call, one wins.
        var spent = await db.Set<TwilioVoiceCall>()
            .Where(c => c.Id == call.Id && c.State == TwilioCallState.Waiting)
            .ExecuteUpdateAsync(
                s => s.SetProperty(c => c.State, right ? TwilioCallState.CodeRead : TwilioCallState.Refused)
                      .SetProperty(c => c.Attempts, c => c.Attempts + 1)
                      .SetProperty(c => c.CodeReadAt, right ? now : null),
                cancellationToken);
        if (spent == 0 || !right)
        {
            return HangUp();
        }

        var message = Read(call);
        var voice = TwilioVoices.For(message.Locale);
        var readout = voice.IsFallback
            ? string.Format(System.Globalization.CultureInfo.InvariantCulture, EnglishFallbackReadout, string.Join(", ", message.Code.Where(char.IsAsciiDigit)))
            : message.Text; // the localized script already spells the code out digit by digit, twice
        return Render(new VoiceResponse().Append(Say(voice, readout)).Hangup());
    }

    /// <summary>Whether the call with this Twilio sid read its code (a completed call that did not is undelivered).</summary>
    public Task<bool> CodeWasReadAsync(string callSid, CancellationToken cancellationToken) =>
        db.Set<TwilioVoiceCall>().AnyAsync(c => c.CallSid == callSid && c.State == TwilioCallState.CodeRead, cancellationToken);

    private async Task<TwilioVoiceCall?> FindWaitingAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        var hash = Hash(token);
        var now = time.GetUtcNow();
        return await db.Set<TwilioVoiceCall>().AsNoTracking()
            .FirstOrDefaultAsync(c => c.TokenHash == hash && c.State == TwilioCallState.Waiting && c.ExpiresAt > now, cancellationToken);
    }

    private VoiceMessage Read(TwilioVoiceCall call) =>
        OutboxPayloads.Deserialize<VoiceMessage>(protector.Unprotect(call.EncryptedMessage, SecretPurposes.TwilioVoiceCall));

    private static Say Say(TwilioVoice voice, string text) => new(text, voice: voice.Voice, language: voice.Language);

    private static string HangUp() => Render(new VoiceResponse().Hangup());

    private static string Render(VoiceResponse response) => response.ToString(SaveOptions.DisableFormatting);

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
