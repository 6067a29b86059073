namespace Authy.Api.Surfaces.Authy.Contracts;

// Webhooks API bodies (spec §3.18, AuthySE/webhooks-api). Snake_case comes from the serializer options.

/// <summary>One webhook: <c>{"id":"WH_…","name","account_sid","service_id","url","signing_key","events":[…],"creation_date"}</c>.</summary>
internal sealed record WebhookBody(
    string Id,
    string Name,
    string AccountSid,
    string ServiceId,
    string Url,
    string SigningKey,
    IReadOnlyList<string> Events,
    string CreationDate);

internal sealed record WebhookCreatedResponse(WebhookBody Webhook, string Message = "Webhook created", bool Success = true);

internal sealed record WebhookListResponse(IReadOnlyList<WebhookBody> Webhooks, string Message = "Webhooks list.", bool Success = true);
