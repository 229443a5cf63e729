using System.Collections.Specialized;

namespace TrafficWatch.Tests.Metrics;

/// <summary>One request seen by <see cref="FakeInfluxEndpoint"/>.</summary>
public sealed record RecordedRequest(string Method, string Path, NameValueCollection Query, NameValueCollection Headers, string Body, DateTimeOffset ReceivedAt);
