namespace Authy.Application.Apps;

/// <summary>The application a request's API key belongs to.</summary>
public sealed record AuthenticatedApp(int Id, string Name, AppSettings Settings);
