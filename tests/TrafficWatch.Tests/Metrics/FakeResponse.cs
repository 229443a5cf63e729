namespace TrafficWatch.Tests.Metrics;

/// <summary>What <see cref="FakeInfluxEndpoint"/> answers to a write.</summary>
public sealed record FakeResponse(int Status, string Body = "", int? RetryAfterSeconds = null);
