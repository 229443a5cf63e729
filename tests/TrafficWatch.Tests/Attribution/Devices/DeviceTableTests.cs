using System.Net;
using TrafficWatch.Attribution.Devices;
using TrafficWatch.Decode;
using TrafficWatch.Simulation;
using static TrafficWatch.Tests.Attribution.Devices.DeviceTestKit;
using static TrafficWatch.Tests.Decode.App.AppWire;

namespace TrafficWatch.Tests.Attribution.Devices;

public sealed class DeviceTableTests
{
    private static readonly MacAddress s_dhcpServer = MacOf("00:0a:eb:00:00:01");

    [Fact]
    public void A_dhcp_request_names_the_device_and_the_ack_gives_its_address()
    {
        var table = NewTable();
        var request = Dhcp(DhcpMessages.Client(DhcpMessages.Request, 0x1234, 0, HikvisionCam, DhcpProfile.Axis, "front-gate-cam",
            IPAddress.Parse("10.10.0.23"), IPAddress.Parse("10.10.0.1")));
        var ack = Dhcp(DhcpMessages.Server(DhcpMessages.Ack, 0x1234, HikvisionCam, IPAddress.Parse("10.10.0.23"),
            IPAddress.Parse("10.10.0.1"), null, IPAddress.Parse("10.10.0.1"), IPAddress.Parse("10.10.0.1"),
            IPAddress.Parse("10.10.0.1"), "council.example", 3600));

        table.ObserveDhcp(request, HikvisionCam, 10, At(0));
        table.ObserveDhcp(ack, s_dhcpServer, 10, At(1));

        Assert.True(table.TryGet(HikvisionCam, 10, out var device));
        Assert.Contains(new DeviceName(DeviceNameKinds.DhcpHostname, "front-gate-cam"), device.Names);
        Assert.Equal(["AXIS,Network Camera,M3106-L Mk II,10.12.213"], device.VendorClasses);
        Assert.Equal("1,3,6,12,15,28,42,43", device.DhcpFingerprint);
        Assert.Equal(Ip("10.10.0.23"), device.RequestedAddress);
        var address = Assert.Single(device.Addresses);
        Assert.Equal((Ip("10.10.0.23"), AddressSource.Dhcp), (address.Address, address.Source));
        Assert.Same(device, table.FindByAddress(Ip("10.10.0.23"), 10));
        Assert.Equal("Hangzhou Hikvision Digital Technology Co.,Ltd.", device.Organization);
        Assert.Equal("hikvision", device.Vendor?.Id);
        Assert.Equal("front-gate-cam", device.PreferredName);
        Assert.False(table.TryGet(s_dhcpServer, 10, out _));           // the server only answered
        Assert.Equal(At(0), device.LastSeen);                         // the server's ACK is not the client speaking
    }

    [Fact]
    public void A_relayed_dhcp_request_goes_to_the_vlan_the_client_was_seen_on()
    {
        var table = NewTable();
        var client = MacOf("04:03:12:00:00:77");
        table.ObserveArp(client, 10, Ip("10.10.0.77"), At(0));
        var relayed = Dhcp(Dhcp(Concat(Option(53, [3]), Option(12, Ascii("relayed-cam"))), mac: "04:03:12:00:00:77", giaddr: "10.10.0.1"));

        table.ObserveDhcp(relayed, TpLinkRouter, 99, At(1));

        Assert.True(table.TryGet(client, 10, out var device));
        Assert.Contains(new DeviceName(DeviceNameKinds.DhcpHostname, "relayed-cam"), device.Names);
        Assert.False(table.TryGet(client, 99, out _));
        Assert.False(table.TryGet(TpLinkRouter, 99, out _));           // the relay is not the client
    }

    [Fact]
    public void Dhcp_client_fqdn_and_ciaddr_are_recorded()
    {
        var table = NewTable();
        var renew = Dhcp(Dhcp(Concat(Option(53, [3]), Option(81, Concat([0, 0, 0], Ascii("cam-9.council.example")))),
            mac: "04:03:12:00:00:09", ciaddr: "10.10.0.9"));

        table.ObserveDhcp(renew, MacOf("04:03:12:00:00:09"), 10, At(0));

        Assert.True(table.TryGet(MacOf("04:03:12:00:00:09"), 10, out var device));
        Assert.Contains(new DeviceName(DeviceNameKinds.DhcpFqdn, "cam-9.council.example"), device.Names);
        Assert.Equal(Ip("10.10.0.9"), Assert.Single(device.Addresses).Address);
    }

    [Fact]
    public void A_dhcpv6_solicit_gives_fqdn_vendor_class_and_option_request_fingerprint()
    {
        var table = NewTable();
        var solicit = Dhcpv6(V6Message(1, 0x00abcd,
            V6Option(1, Concat(Be16(3), Be16(1), TrafficWatch.Tests.Decode.App.AppWire.Mac("04:03:12:00:00:66"))),
            V6Option(6, Concat(Be16(23), Be16(24), Be16(39))),
            V6Option(16, Concat(Be32(311), Be16(8), Ascii("MSFT 5.0"))),
            V6Option(39, Concat([1], Name("cam6", "council", "example")))));

        table.ObserveDhcpv6(solicit, HikvisionCam, 10, At(0));

        Assert.True(table.TryGet(HikvisionCam, 10, out var device));   // not relayed: the frame source is the client
        Assert.Contains(new DeviceName(DeviceNameKinds.Dhcpv6Fqdn, "cam6.council.example"), device.Names);
        Assert.Equal(["311:MSFT 5.0"], device.VendorClasses);
        Assert.Equal("23,24,39", device.Dhcpv6Fingerprint);
    }

    [Fact]
    public void An_mdns_announcement_gives_service_types_instance_and_host_names()
    {
        var table = NewTable();
        var instance = Name("Front Door", "_rtsp", "_tcp", "local");
        var announcement = Dns(Concat(DnsHeader(0, 0x8400, 0, 4),
            Record(Name("_services", "_dns-sd", "_udp", "local"), 12, Name("_onvif", "_tcp", "local")),
            Record(Name("_rtsp", "_tcp", "local"), 12, instance),
            Record(instance, 33, Concat(Be16(0), Be16(0), Be16(554), Name("cam-7", "local"))),
            Record(Name("cam-7", "local"), 1, Ipv4("10.10.0.7"))));

        table.ObserveMdns(announcement, HikvisionCam, 10, At(0));

        Assert.True(table.TryGet(HikvisionCam, 10, out var device));
        Assert.Equal(["_onvif._tcp", "_rtsp._tcp"], device.MdnsServices);
        Assert.Contains(new DeviceName(DeviceNameKinds.MdnsInstance, "Front Door"), device.Names);
        Assert.Contains(new DeviceName(DeviceNameKinds.MdnsHost, "cam-7.local"), device.Names);
    }

    [Fact]
    public void An_mdns_query_says_what_the_sender_looks_for_not_what_it_is()
    {
        var table = NewTable();
        var query = Dns(Concat(DnsHeader(0, 0, 1, 0), Question(Name("_hap", "_tcp", "local"), 12)));

        table.ObserveMdns(query, EspressifPlug, 20, At(0));

        Assert.False(table.TryGet(EspressifPlug, 20, out _));
    }

    [Fact]
    public void Ssdp_notify_gives_device_type_and_server_and_m_search_only_a_user_agent()
    {
        var table = NewTable();
        var notify = Ssdp("""
            NOTIFY * HTTP/1.1
            HOST: 239.255.255.250:1900
            NT: urn:schemas-upnp-org:device:DigitalSecurityCamera:1
            NTS: ssdp:alive
            USN: uuid:2f402f80-da50-11e1-9b23-0403120aabb01::urn:schemas-upnp-org:device:DigitalSecurityCamera:1
            LOCATION: http://10.10.0.7:80/desc.xml
            SERVER: Linux/3.10 UPnP/1.0 IPCamera/1.0

            """);
        var search = Ssdp("""
            M-SEARCH * HTTP/1.1
            HOST: 239.255.255.250:1900
            MAN: "ssdp:discover"
            MX: 1
            ST: urn:dial-multiscreen-org:service:dial:1
            USER-AGENT: Google Chrome/120.0 Windows

            """);

        table.ObserveSsdp(notify, HikvisionCam, 10, At(0));
        table.ObserveSsdp(search, EspressifPlug, 10, At(1));

        Assert.True(table.TryGet(HikvisionCam, 10, out var camera));
        Assert.Equal(["urn:schemas-upnp-org:device:DigitalSecurityCamera:1"], camera.SsdpTypes);
        Assert.Equal(["Linux/3.10 UPnP/1.0 IPCamera/1.0"], camera.SsdpServers);
        Assert.True(table.TryGet(EspressifPlug, 10, out var searcher));
        Assert.Empty(searcher.SsdpTypes);
        Assert.Equal(["Google Chrome/120.0 Windows"], searcher.UserAgents);
    }

    [Fact]
    public void A_cleartext_http_request_gives_the_user_agent()
    {
        var table = NewTable();
        var request = Http("""
            GET /index.html HTTP/1.1
            Host: example.com
            User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64)

            """);

        table.ObserveHttpRequest(request, UnknownMac, 30, At(0));

        Assert.True(table.TryGet(UnknownMac, 30, out var device));
        Assert.Equal(["Mozilla/5.0 (Windows NT 10.0; Win64; x64)"], device.UserAgents);
    }

    [Fact]
    public void A_flow_start_gives_the_initiator_an_address_and_the_responder_a_service()
    {
        var table = NewTable();
        var nvr = MacOf("04:03:12:00:00:40");

        table.ObserveFlowStart(nvr, HikvisionCam, 10, Ip("10.10.0.40"), Ip("10.10.0.7"), 6, 554, true, true, At(0));

        Assert.True(table.TryGet(nvr, 10, out var initiator));
        Assert.Equal((Ip("10.10.0.40"), AddressSource.Flow), (initiator.Addresses[0].Address, initiator.Addresses[0].Source));
        Assert.Empty(initiator.Services);
        Assert.True(table.TryGet(HikvisionCam, 10, out var responder));
        Assert.Empty(responder.Addresses);                            // destination addresses are not claimed for it
        Assert.Equal(new DeviceService(6, 554, false, At(0)), Assert.Single(responder.Services));

        table.ObserveServiceAnswered(HikvisionCam, 10, 6, 554, At(0.01));

        Assert.True(Assert.Single(responder.Services).Answered);
        Assert.Equal(At(0.01), responder.LastSeen);
    }

    [Fact]
    public void Dynamic_ports_are_not_services_unless_a_rule_names_them()
    {
        var table = NewTable();

        table.ObserveFlowStart(EspressifPlug, UnknownMac, 20, Ip("10.20.0.2"), Ip("10.20.0.9"), 17, 50_000, true, true, At(0));
        table.ObserveFlowStart(EspressifPlug, UnknownMac, 20, Ip("10.20.0.2"), Ip("10.20.0.9"), 6, 49_153, true, true, At(1));
        table.ObserveFlowStart(EspressifPlug, UnknownMac, 20, Ip("10.20.0.2"), Ip("10.20.0.9"), 6, 42_307, true, true, At(2));
        table.ObserveFlowStart(EspressifPlug, UnknownMac, 20, Ip("10.20.0.2"), Ip("10.20.0.9"), 17, 68, true, true, At(3));
        table.ObserveFlowStart(EspressifPlug, UnknownMac, 20, Ip("10.20.0.2"), Ip("10.20.0.9"), 6, 8_080, true, true, At(4));

        Assert.True(table.TryGet(UnknownMac, 20, out var responder));
        Assert.Equal([49_153, 8_080], responder.Services.Select(static s => (int)s.Port));
    }

    [Fact]
    public void Traffic_with_a_time_moves_last_seen_on_and_traffic_without_one_does_not()
    {
        var table = NewTable();
        table.ObserveArp(HikvisionCam, 10, Ip("10.10.0.7"), At(0));

        table.AddTraffic(HikvisionCam, 10, 1_000, 10, Ip("10.10.0.10"), remoteIsExternal: false);
        Assert.True(table.TryGet(HikvisionCam, 10, out var device));
        Assert.Equal(At(0), device.LastSeen);

        table.AddTraffic(HikvisionCam, 10, 1_000, 10, Ip("10.10.0.10"), remoteIsExternal: false, At(600));
        table.AddTraffic(HikvisionCam, 10, 1_000, 10, Ip("10.10.0.10"), remoteIsExternal: false, At(300));   // older: no change
        Assert.Equal(At(600), device.LastSeen);
        Assert.Equal(3_000, device.BytesOut);
    }

    [Fact]
    public void Arp_probes_from_0_0_0_0_give_no_address_and_ndp_gives_ipv6_addresses()
    {
        var table = NewTable();

        table.ObserveArp(HikvisionCam, 10, Ip("0.0.0.0"), At(0));
        table.ObserveArp(HikvisionCam, 10, Ip("10.10.0.7"), At(1));
        table.ObserveNdp(HikvisionCam, 10, Ip("fe80::603:12ff:feaa:bb01"), routerAdvert: false, At(2));
        table.ObserveNdp(HikvisionCam, 10, Ip("::"), routerAdvert: false, At(3));

        Assert.True(table.TryGet(HikvisionCam, 10, out var device));
        Assert.Equal([(Ip("10.10.0.7"), AddressSource.Arp), (Ip("fe80::603:12ff:feaa:bb01"), AddressSource.Ndp)],
            device.Addresses.Select(static a => (a.Address, a.Source)));
        Assert.False(device.IsRouter);
        Assert.Equal(At(3), device.LastSeen);
        Assert.Equal(At(0), device.FirstSeen);
    }

    [Fact]
    public void Multicast_broadcast_and_zero_macs_are_never_devices_and_local_macs_have_no_vendor()
    {
        var table = NewTable();

        table.ObserveArp(MacOf("ff:ff:ff:ff:ff:ff"), 0, Ip("10.0.0.1"), At(0));
        table.ObserveArp(MacOf("01:00:5e:00:00:fb"), 0, Ip("10.0.0.2"), At(0));
        table.ObserveArp(MacOf("00:00:00:00:00:00"), 0, Ip("10.0.0.3"), At(0));
        table.ObserveArp(LocalMac, 0, Ip("10.0.0.4"), At(0));

        Assert.Equal(1, table.Count);
        Assert.True(table.TryGet(LocalMac, 0, out var device));
        Assert.Null(device.Organization);
        Assert.Null(device.Vendor);
    }

    [Fact]
    public void Traffic_counts_bytes_and_a_bounded_number_of_distinct_external_destinations()
    {
        var table = NewTable(new DeviceTableOptions { MaxExternalDestinations = 4 });
        table.ObserveArp(HikvisionCam, 10, Ip("10.10.0.7"), At(0));

        for (var i = 0; i < 10; i++)
        {
            table.AddTraffic(HikvisionCam, 10, 100, 10, Ip($"203.0.113.{i % 6}"), remoteIsExternal: true);
        }
        table.AddTraffic(HikvisionCam, 10, 1, 1, Ip("10.10.0.40"), remoteIsExternal: false);
        table.AddTraffic(UnknownMac, 10, 1, 1, Ip("203.0.113.1"), remoteIsExternal: true);

        Assert.True(table.TryGet(HikvisionCam, 10, out var device));
        Assert.Equal((1001L, 101L), (device.BytesOut, device.BytesIn));
        Assert.Equal(4, device.ExternalDestinations);
        Assert.True(device.ExternalDestinationsCapped);
        Assert.Equal(1, table.Counters.TrafficWithoutDevice);
        Assert.False(table.TryGet(UnknownMac, 10, out _));
    }

    [Fact]
    public void The_same_mac_on_two_vlans_is_two_devices()
    {
        var table = NewTable();

        table.ObserveArp(HikvisionCam, 10, Ip("10.10.0.7"), At(0));
        table.ObserveArp(HikvisionCam, 20, Ip("10.20.0.7"), At(0));

        Assert.Equal(2, table.Count);
        Assert.Equal((ushort)10, table.FindByAddress(Ip("10.10.0.7"), 10)?.Vlan);
        Assert.Null(table.FindByAddress(Ip("10.10.0.7"), 20));
    }

    [Fact]
    public void Devices_beyond_the_bound_evict_the_one_idle_longest()
    {
        var table = NewTable(new DeviceTableOptions { MaxDevices = 3 });
        var macs = Enumerable.Range(1, 4).Select(static i => MacOf($"04:03:12:00:01:{i:x2}")).ToArray();
        for (var i = 0; i < 3; i++)
        {
            table.ObserveArp(macs[i], 10, Ip($"10.10.1.{i + 1}"), At(i));
        }
        table.ObserveArp(macs[0], 10, Ip("10.10.1.1"), At(5));       // the first speaks again: the second is now idle longest

        table.ObserveArp(macs[3], 10, Ip("10.10.1.4"), At(6));

        Assert.Equal(3, table.Count);
        Assert.Equal(1, table.Counters.Evicted);
        Assert.False(table.TryGet(macs[1], 10, out _));
        Assert.Null(table.FindByAddress(Ip("10.10.1.2"), 10));
        Assert.True(table.TryGet(macs[0], 10, out _));
        Assert.True(table.TryGet(macs[3], 10, out _));

        for (var i = 0; i < 1_000; i++)                               // a MAC flood stays bounded
        {
            table.ObserveArp(new MacAddress(0x0403_1210_0000UL + (ulong)i), 10, Ip("10.10.9.9"), At(10 + i));
        }
        Assert.Equal(3, table.Count);
        Assert.Equal(1_001, table.Counters.Evicted);
    }

    [Fact]
    public void Per_device_lists_are_bounded_and_the_stalest_address_makes_room()
    {
        var table = NewTable(new DeviceTableOptions { MaxAddressesPerDevice = 2, MaxValuesPerDevice = 2 });

        table.ObserveArp(HikvisionCam, 10, Ip("10.10.0.1"), At(0));
        table.ObserveArp(HikvisionCam, 10, Ip("10.10.0.2"), At(1));
        table.ObserveArp(HikvisionCam, 10, Ip("10.10.0.1"), At(2));
        table.ObserveArp(HikvisionCam, 10, Ip("10.10.0.3"), At(3));
        foreach (var agent in new[] { "a/1", "b/1", "c/1" })
        {
            table.ObserveHttpRequest(Http($"GET / HTTP/1.1\nUser-Agent: {agent}\n\n"), HikvisionCam, 10, At(4));
        }

        Assert.True(table.TryGet(HikvisionCam, 10, out var device));
        Assert.Equal([Ip("10.10.0.1"), Ip("10.10.0.3")], device.Addresses.Select(static a => a.Address).Order());
        Assert.Null(table.FindByAddress(Ip("10.10.0.2"), 10));
        Assert.Equal(["a/1", "b/1"], device.UserAgents);
        Assert.Equal(2, table.Counters.ValuesDropped);
    }

    [Fact]
    public void An_address_that_moves_to_another_mac_is_found_on_the_newer_one()
    {
        var table = NewTable();

        table.ObserveArp(HikvisionCam, 10, Ip("10.10.0.50"), At(0));
        table.ObserveArp(EspressifPlug, 10, Ip("10.10.0.50"), At(100));

        Assert.Equal(EspressifPlug, table.FindByAddress(Ip("10.10.0.50"), 10)?.Mac);
    }

    [Fact]
    public void Options_out_of_range_are_refused_with_their_configuration_names()
    {
        var options = new DeviceTableOptions { MaxDevices = 0, MaxTextLength = 10 };

        Assert.Equal(
        [
            "Devices:MaxDevices must be between 1 and 10000000 (is 0).",
            "Devices:MaxTextLength must be between 64 and 65536 (is 10).",
        ], options.Validate());
        Assert.Throws<ArgumentException>(() => new DeviceTable(options));
        Assert.Empty(new DeviceTableOptions().Validate());
    }

    [Fact]
    public void Lookups_allocate_nothing()
    {
        var table = NewTable();
        table.ObserveArp(HikvisionCam, 10, Ip("10.10.0.7"), At(0));
        var address = Ip("10.10.0.7");
        var missing = Ip("10.10.0.8");
        var hits = 0;
        for (var i = 0; i < 2_000; i++)                               // warm up (tiered JIT, OSR)
        {
            hits += Probe(table, address, missing);
        }

        var allocated = TrafficWatch.Tests.Support.Allocations.Measure(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                hits += Probe(table, address, missing);
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal((2_000 + 5 * 10_000) * 2, hits);          // warm-up + 5 measured rounds
    }

    [Fact]
    public void Flow_starts_and_traffic_of_known_devices_allocate_nothing()
    {
        var table = NewTable();
        var (camera, nvr) = (Ip("10.10.0.7"), Ip("10.10.0.40"));
        var cloud = Ip("203.0.113.9");
        void Round(int i)
        {
            table.ObserveFlowStart(EspressifPlug, HikvisionCam, 10, nvr, camera, 6, 554, true, true, At(i));
            table.ObserveServiceAnswered(HikvisionCam, 10, 6, 554, At(i));
            table.ObserveFlowStart(HikvisionCam, TpLinkRouter, 10, camera, cloud, 6, 443, true, false, At(i));
            table.ObserveArp(HikvisionCam, 10, camera, At(i));
            table.AddTraffic(HikvisionCam, 10, 1_000, 100, cloud, remoteIsExternal: true);
        }
        for (var i = 0; i < 2_000; i++)
        {
            Round(i);
        }

        var allocated = TrafficWatch.Tests.Support.Allocations.Measure(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                Round(i);
            }
        });

        Assert.Equal(0, allocated);
        Assert.True(table.TryGet(HikvisionCam, 10, out var device));
        Assert.Equal((2_000L + 5 * 10_000) * 1_000, device.BytesOut);
    }

    private static int Probe(DeviceTable table, UInt128 address, UInt128 missing)
    {
        var hits = 0;
        hits += table.TryGet(HikvisionCam, 10, out _) ? 1 : 0;
        hits += table.TryGet(EspressifPlug, 10, out _) ? 1 : 0;
        hits += table.FindByAddress(address, 10) is null ? 0 : 1;
        hits += table.FindByAddress(missing, 10) is null ? 0 : 1;
        hits += table.IsRouter(HikvisionCam, 10) ? 1 : 0;
        return hits;
    }

    [Fact]
    public void A_snapshot_is_sorted_by_vlan_then_mac_and_does_not_change_afterwards()
    {
        var table = NewTable();
        table.ObserveArp(TpLinkRouter, 20, Ip("10.20.0.1"), At(0));
        table.ObserveArp(HikvisionCam, 10, Ip("10.10.0.7"), At(0));
        table.ObserveArp(EspressifPlug, 10, Ip("10.10.0.8"), At(0));

        var snapshot = table.Snapshot();
        table.ObserveArp(HikvisionCam, 10, Ip("10.10.0.99"), At(1));

        Assert.Equal([(HikvisionCam, (ushort)10), (EspressifPlug, (ushort)10), (TpLinkRouter, (ushort)20)],
            snapshot.Select(static s => (s.Mac, s.Vlan)));
        Assert.Single(snapshot[0].Addresses);
        Assert.Equal(2, table.Snapshot()[0].Addresses.Count);
    }

    [Fact]
    public void Classification_is_recomputed_only_when_the_device_changed()
    {
        var table = NewTable();
        table.ObserveArp(HikvisionCam, 10, Ip("10.10.0.7"), At(0));
        Assert.True(table.TryGet(HikvisionCam, 10, out var device));

        var first = table.Classify(device);
        table.ObserveArp(HikvisionCam, 10, Ip("10.10.0.7"), At(1));   // nothing new
        var second = table.Classify(device);
        table.ObserveFlowStart(EspressifPlug, HikvisionCam, 10, Ip("10.10.0.8"), Ip("10.10.0.7"), 6, 554, true, true, At(2));
        var third = table.Classify(device);

        Assert.Same(first, second);
        Assert.NotSame(second, third);
        Assert.Contains(third.Evidence, static e => e.Kind == EvidenceKinds.Service);
    }
}
