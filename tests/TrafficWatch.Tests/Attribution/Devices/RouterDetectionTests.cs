using TrafficWatch.Attribution;
using TrafficWatch.Attribution.Devices;
using TrafficWatch.Decode;
using static TrafficWatch.Tests.Attribution.Devices.DeviceTestKit;

namespace TrafficWatch.Tests.Attribution.Devices;

public sealed class RouterDetectionTests
{
    private static readonly MacAddress s_gateway = TpLinkRouter;

    [Fact]
    public void A_gateway_carrying_external_sources_is_a_router_and_is_not_given_those_addresses()
    {
        var table = NewTable();
        table.ObserveArp(s_gateway, 10, Ip("10.10.0.1"), At(0));

        table.ObserveFlowStart(s_gateway, HikvisionCam, 10, Ip("8.8.8.8"), Ip("10.10.0.7"), 17, 5000, false, true, At(1));
        table.ObserveFlowStart(s_gateway, HikvisionCam, 10, Ip("2001:4860:4860::8888"), Ip("fd00::7"), 6, 443, false, true, At(2));

        Assert.True(table.IsRouter(s_gateway, 10));
        Assert.True(table.TryGet(s_gateway, 10, out var gateway));
        Assert.Equal([Ip("10.10.0.1")], gateway.Addresses.Select(static a => a.Address));
        Assert.Null(table.FindByAddress(Ip("8.8.8.8"), 10));
        Assert.Equal(RouterSignal.ExternalSource, gateway.RouterSignals);
        Assert.Equal(["sends traffic from external address 8.8.8.8"], gateway.RouterReasons);
        var classification = table.Classify(gateway);
        Assert.Equal(DeviceClass.Network, classification.Class);
        Assert.Equal(EvidenceKinds.Router, classification.Evidence[0].Kind);
        Assert.False(table.IsRouter(HikvisionCam, 10));
    }

    [Fact]
    public void Flow_addresses_learnt_before_the_mac_was_known_as_a_router_are_removed_but_its_own_arp_address_stays()
    {
        var table = NewTable();
        table.ObserveArp(s_gateway, 10, Ip("10.10.0.1"), At(0));
        table.ObserveFlowStart(s_gateway, HikvisionCam, 10, Ip("10.30.0.5"), Ip("10.10.0.7"), 6, 554, true, true, At(1));
        Assert.NotNull(table.FindByAddress(Ip("10.30.0.5"), 10));

        table.ObserveFlowStart(s_gateway, HikvisionCam, 10, Ip("198.51.100.20"), Ip("10.10.0.7"), 6, 554, false, true, At(2));
        table.ObserveFlowStart(s_gateway, HikvisionCam, 10, Ip("10.30.0.6"), Ip("10.10.0.7"), 6, 554, true, true, At(3));

        Assert.True(table.TryGet(s_gateway, 10, out var gateway));
        Assert.Equal([Ip("10.10.0.1")], gateway.Addresses.Select(static a => a.Address));
        Assert.Null(table.FindByAddress(Ip("10.30.0.5"), 10));
        Assert.Null(table.FindByAddress(Ip("10.30.0.6"), 10));
    }

    [Fact]
    public void A_mac_sourcing_more_internal_addresses_than_one_host_is_a_router()
    {
        var table = NewTable(new DeviceTableOptions { RouterIPv4SourceThreshold = 8 });
        for (var i = 1; i <= 8; i++)
        {
            table.ObserveFlowStart(s_gateway, HikvisionCam, 10, Ip($"10.40.0.{i}"), Ip("10.10.0.7"), 6, 80, true, true, At(i));
        }
        Assert.False(table.IsRouter(s_gateway, 10));

        table.ObserveFlowStart(s_gateway, HikvisionCam, 10, Ip("10.40.0.9"), Ip("10.10.0.7"), 6, 80, true, true, At(9));

        Assert.True(table.TryGet(s_gateway, 10, out var gateway));
        Assert.Equal(RouterSignal.ManyInternalSources, gateway.RouterSignals);
        Assert.Empty(gateway.Addresses);
    }

    [Fact]
    public void Ipv6_link_local_and_a_few_privacy_addresses_do_not_make_a_host_a_router()
    {
        var table = NewTable();
        table.ObserveFlowStart(EspressifPlug, HikvisionCam, 20, Ip("10.20.0.2"), Ip("10.20.0.7"), 6, 80, true, true, At(0));
        table.ObserveFlowStart(EspressifPlug, HikvisionCam, 20, Ip("fe80::1"), Ip("fe80::7"), 6, 80, true, true, At(1));
        for (var i = 0; i < 10; i++)
        {
            table.ObserveFlowStart(EspressifPlug, HikvisionCam, 20, Ip($"fd00::{i + 100:x}"), Ip("fd00::7"), 6, 80, true, true, At(2 + i));
        }

        Assert.False(table.IsRouter(EspressifPlug, 20));
        Assert.True(table.TryGet(EspressifPlug, 20, out var device));
        Assert.Equal(12, device.Addresses.Count);
    }

    [Fact]
    public void The_next_hop_towards_external_addresses_is_a_router_and_gets_no_services()
    {
        var table = NewTable();

        table.ObserveFlowStart(HikvisionCam, s_gateway, 10, Ip("10.10.0.7"), Ip("203.0.113.9"), 6, 443, true, false, At(0));
        table.ObserveFlowStart(HikvisionCam, s_gateway, 10, Ip("10.10.0.7"), Ip("10.20.0.3"), 6, 554, true, true, At(1));

        Assert.True(table.TryGet(s_gateway, 10, out var gateway));
        Assert.Equal(RouterSignal.ExternalNextHop, gateway.RouterSignals);
        Assert.Empty(gateway.Services);
        Assert.True(table.TryGet(HikvisionCam, 10, out var camera));
        Assert.False(camera.IsRouter);
        Assert.Equal([Ip("10.10.0.7")], camera.Addresses.Select(static a => a.Address));
    }

    [Fact]
    public void Services_seen_on_a_mac_before_it_was_known_as_a_router_are_dropped()
    {
        var table = NewTable();
        table.ObserveFlowStart(HikvisionCam, s_gateway, 10, Ip("10.10.0.7"), Ip("10.20.0.3"), 6, 554, true, true, At(0));
        Assert.True(table.TryGet(s_gateway, 10, out var gateway));
        Assert.Single(gateway.Services);

        table.ObserveFlowStart(HikvisionCam, s_gateway, 10, Ip("10.10.0.7"), Ip("203.0.113.9"), 6, 443, true, false, At(1));

        Assert.Empty(gateway.Services);
        Assert.Equal(DeviceClass.Network, table.Classify(gateway).Class);
    }

    [Fact]
    public void Router_advertisements_mark_a_router_and_http_names_are_not_taken_from_its_frames()
    {
        var table = NewTable();

        table.ObserveNdp(s_gateway, 10, Ip("fe80::1"), routerAdvert: true, At(0));
        table.ObserveHttpRequest(Http("GET / HTTP/1.1\nUser-Agent: routed-client/1.0\n\n"), s_gateway, 10, At(1));

        Assert.True(table.TryGet(s_gateway, 10, out var gateway));
        Assert.Equal(RouterSignal.RouterAdvertisement, gateway.RouterSignals);
        Assert.Equal([Ip("fe80::1")], gateway.Addresses.Select(static a => a.Address));
        Assert.Empty(gateway.UserAgents);
        Assert.Equal(1, table.Counters.RoutersDetected);
    }
}
