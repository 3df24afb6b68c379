<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>podlab::MainWindow</name>
    <message>
        <location filename="../../app/mainwindow.cpp" line="116"/>
        <location filename="../../app/mainwindow.cpp" line="181"/>
        <source>PodLab</source>
        <translation>PodLab</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="117"/>
        <source>%1 — PodLab</source>
        <comment>file name — application</comment>
        <translation>%1 — PodLab</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="118"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="119"/>
        <source>&amp;Open Manifest…</source>
        <translation>打开清单(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="120"/>
        <source>Show the &amp;Example</source>
        <translation>显示示例(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="121"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="122"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="123"/>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="124"/>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="125"/>
        <source>&amp;Actual Size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="126"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="127"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="128"/>
        <source>&amp;About PodLab</source>
        <translation>关于 PodLab(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="129"/>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="181"/>
        <source>The bundled example is missing from this build.</source>
        <translation>此构建中缺少内置的示例。</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="198"/>
        <location filename="../../app/mainwindow.cpp" line="218"/>
        <source>Open Manifest</source>
        <translation>打开清单</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="198"/>
        <source>Cannot open %1:
%2</source>
        <translation>无法打开 %1：
%2</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="218"/>
        <source>Kubernetes manifests (*.yaml *.yml *.json);;All files (*)</source>
        <translation>Kubernetes 清单 (*.yaml *.yml *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="235"/>
        <source>About PodLab</source>
        <translation>关于 PodLab</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="236"/>
        <source>&lt;h2&gt;PodLab %1&lt;/h2&gt;&lt;p&gt;A Kubernetes cluster in a bottle, for teaching.&lt;/p&gt;&lt;p&gt;PodLab reads manifests as the Kubernetes API server does: it checks them, shows each problem where it is, and shows the objects as the API server would store them, defaults filled in. Nothing here touches a real cluster.&lt;/p&gt;&lt;p&gt;Built with Qt %2, running on Qt %3.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;PodLab %1&lt;/h2&gt;&lt;p&gt;一个装在瓶子里的 Kubernetes 集群，专为教学而设计。&lt;/p&gt;&lt;p&gt;PodLab 像 Kubernetes API 服务器一样读取清单：校验清单，在出错的位置指出每个问题，并显示 API 服务器存储这些对象时的样子（已填入默认值）。这里的一切都不会触及真实的集群。&lt;/p&gt;&lt;p&gt;基于 Qt %2 构建，运行于 Qt %3。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>podlab::ManifestView</name>
    <message>
        <location filename="../../views/manifestview.cpp" line="130"/>
        <source>Manifest</source>
        <translation>清单</translation>
    </message>
    <message>
        <location filename="../../views/manifestview.cpp" line="130"/>
        <source>%1 (read-only)</source>
        <translation>%1（只读）</translation>
    </message>
    <message>
        <location filename="../../views/manifestview.cpp" line="131"/>
        <source>The manifest as written. Problems are marked on their lines.</source>
        <translation>清单原文。问题标注在其所在的行上。</translation>
    </message>
    <message>
        <location filename="../../views/manifestview.cpp" line="132"/>
        <source>As Stored, with Defaults</source>
        <translation>存储形式（含默认值）</translation>
    </message>
    <message>
        <location filename="../../views/manifestview.cpp" line="134"/>
        <source>Nothing to show: the API server would store no object from this manifest.</source>
        <translation>无内容可显示：API 服务器不会存储此清单中的任何对象。</translation>
    </message>
    <message>
        <location filename="../../views/manifestview.cpp" line="136"/>
        <source>The objects as the API server would store them, every default filled in: what kubectl get -o yaml shows.</source>
        <translation>API 服务器存储这些对象时的样子，所有默认值均已填入，即 kubectl get -o yaml 显示的内容。</translation>
    </message>
</context>
<context>
    <name>podlab::ValidationView</name>
    <message>
        <location filename="../../views/validationview.cpp" line="266"/>
        <source>Line %1: %2 “%3” is valid</source>
        <translation>第 %1 行：%2 “%3” 有效</translation>
    </message>
    <message>
        <location filename="../../views/validationview.cpp" line="269"/>
        <source>Line %1, column %2</source>
        <translation>第 %1 行，第 %2 列</translation>
    </message>
    <message>
        <location filename="../../views/validationview.cpp" line="269"/>
        <source>Line %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <location filename="../../views/validationview.cpp" line="271"/>
        <source>%1: %2</source>
        <comment>position: field path</comment>
        <translation>%1：%2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../views/validationview.cpp" line="287"/>
        <source>The API server would reject this manifest: %n problem(s).</source>
        <translation>
            <numerusform>API 服务器会拒绝此清单：%n 个问题。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../views/validationview.cpp" line="289"/>
        <source>Valid: the API server would accept %n object(s).</source>
        <translation>
            <numerusform>有效：API 服务器会接受 %n 个对象。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../views/validationview.cpp" line="291"/>
        <source>This file holds no Kubernetes objects.</source>
        <translation>此文件中没有 Kubernetes 对象。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../views/validationview.cpp" line="293"/>
        <source>%n warning(s).</source>
        <translation>
            <numerusform>%n 个警告。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../views/validationview.cpp" line="304"/>
        <source>Problems are worded as the Kubernetes API server words them, so they match what kubectl prints. Click one to see it in the manifest.</source>
        <translation>问题沿用 Kubernetes API 服务器的原文措辞，与 kubectl 的输出一致。点击某个问题即可在清单中查看。</translation>
    </message>
</context>
</TS>
